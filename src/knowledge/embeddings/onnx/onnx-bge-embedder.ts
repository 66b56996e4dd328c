import { findEmbeddingModelFiles } from '../../../stack/provision/existing-copies';
import { EMBEDDING_MODEL } from '../../../stack/provision/tool-specs';
import type { Embedder, TokenWindow } from '../../types';
import { BERT_MAX_TOKENS, BertTokenizer } from '../tokenizer/bert-tokenizer';
import { buildBertBatchInputs } from './bert-batch-inputs';
import { normalizeClsRows } from './cls-pooling';
import { planLengthBatches } from './length-batches';
import { OnnxSessionWorker } from './onnx-session-worker';
import { onnxSessionOptions } from './session-options';

/** bge-*-zh-v1.5's instruction for short queries searching longer passages; passages get none. */
export const BGE_ZH_QUERY_INSTRUCTION = '为这个句子生成表示以用于检索相关文章：';

export interface OnnxBgeEmbedderOptions {
  /** Folder holding the `.onnx` model and its tokenizer json. */
  modelDir: string;
  /** ONNX Runtime intra-op threads; default 2. */
  threads?: number;
  /** Texts per model run; default 8 (measured fastest on CPU for 30- to 500-character texts). */
  batchSize?: number;
  /** Prefixed to queries (not documents); null or '' for none. Default: the bge-zh instruction. */
  queryInstruction?: string | null;
  maxTokens?: number;
  /** Lowercase before WordPiece; default true (the vocabulary is lowercase-only). */
  lowercase?: boolean;
}

interface LoadedModel {
  session: OnnxSessionWorker;
  tokenizer: BertTokenizer;
}

const HIDDEN_SIZE = 512;
const PAD_ID = 0;

/** bge-small-zh-v1.5 run on the CPU with ONNX Runtime: [CLS] pooling, unit-length vectors. */
export class OnnxBgeEmbedder implements Embedder {
  readonly modelId = EMBEDDING_MODEL;
  readonly dimensions = HIDDEN_SIZE;
  /**
   * A WordPiece token is at least one character, so a chunk of 510 characters can never pass the
   * 512-token window with [CLS] and [SEP]; most text takes far fewer. Scripts that NFD spreads
   * over several characters (Hangul: 15 characters made 37 tokens) can, which tokenWindow() lets
   * the chunker catch.
   */
  readonly maxChunkChars = BERT_MAX_TOKENS - 2;
  private readonly threads: number;
  private readonly batchSize: number;
  private readonly queryInstruction: string;
  private loading?: Promise<LoadedModel>;

  constructor(private readonly options: OnnxBgeEmbedderOptions) {
    this.threads = positiveInteger('threads', options.threads ?? 2);
    this.batchSize = positiveInteger('batchSize', options.batchSize ?? 8);
    this.queryInstruction =
      options.queryInstruction === undefined
        ? BGE_ZH_QUERY_INSTRUCTION
        : (options.queryInstruction ?? '');
  }

  async embedDocuments(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    if (texts.length === 0) return [];
    const { session, tokenizer } = await this.load();
    const encoded = texts.map((text) => tokenizer.encode(text));
    const lengths = encoded.map((ids) => ids.length);
    const vectors = new Array<number[]>(texts.length);
    for (const batch of planLengthBatches(lengths, this.batchSize)) {
      signal?.throwIfAborted();
      const inputs = buildBertBatchInputs(
        batch.map((index) => encoded[index]),
        PAD_ID,
      );
      const rows = normalizeClsRows(await session.runCls(inputs), HIDDEN_SIZE);
      batch.forEach((index, row) => (vectors[index] = rows[row]));
    }
    return vectors;
  }

  async embedQuery(text: string, signal?: AbortSignal): Promise<number[]> {
    const [vector] = await this.embedDocuments([this.queryInstruction + text], signal);
    return vector;
  }

  /** The 512-token window and the model's own tokenizer to count a text against it. */
  async tokenWindow(): Promise<TokenWindow> {
    const { tokenizer } = await this.load();
    return { maxTokens: tokenizer.maxTokens, countTokens: (text) => tokenizer.countTokens(text) };
  }

  /** Stops the model's thread; a later call starts it again. */
  async close(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    const model = await loading?.catch(() => undefined);
    await model?.session.close();
  }

  private async load(): Promise<LoadedModel> {
    const loading = (this.loading ??= this.loadOnce());
    try {
      const model = await loading;
      if (!model.session.broken) return model;
    } catch (err) {
      // A model provisioned after this failure (setup still running) is picked up by the next call.
      if (this.loading === loading) this.loading = undefined;
      throw err;
    }
    // The thread crashed: start a new one.
    if (this.loading === loading) this.loading = undefined;
    return this.load();
  }

  private async loadOnce(): Promise<LoadedModel> {
    const files = await findEmbeddingModelFiles(this.options.modelDir);
    if ('missing' in files) {
      throw new Error(
        `embedding model folder ${this.options.modelDir} has ${files.missing}; run \`quarry setup\``,
      );
    }
    // The converted tokenizer.json we ship from says lowercase: false, but bge-small-zh's vocabulary
    // has no capital letters at all, so without lowercasing every capitalised English word is [UNK].
    const tokenizer = await BertTokenizer.fromFile(
      files.tokenizer,
      this.options.maxTokens ?? BERT_MAX_TOKENS,
      {
        lowercase: this.options.lowercase ?? true,
      },
    );
    const session = await OnnxSessionWorker.start({
      onnxRuntimePath: require.resolve('onnxruntime-node'),
      modelPath: files.onnx,
      hiddenSize: HIDDEN_SIZE,
      sessionOptions: onnxSessionOptions(this.threads),
    });
    return { session, tokenizer };
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}
