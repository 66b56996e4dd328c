import { readFile } from 'node:fs/promises';
import { normalizeBert, type BertNormalizerOptions } from './bert-normalizer';
import { preTokenizeBert } from './bert-pre-tokenizer';
import {
  parseBertTokenizerJson,
  singleSequenceTemplate,
  type BertTokenizerJson,
} from './tokenizer-json';
import { WordPiece } from './wordpiece';

/** BERT's position embeddings end at 512: longer inputs are cut, as the reference does when asked. */
export const BERT_MAX_TOKENS = 512;

/**
 * A BERT WordPiece tokenizer driven by a HuggingFace tokenizer.json, matching the `tokenizers`
 * library token for token: added tokens, BertNormalizer, BertPreTokenizer, WordPiece, and the
 * single-sequence template ([CLS] … [SEP]), truncated from the right to `maxTokens`.
 */
export class BertTokenizer {
  private readonly normalizer: BertNormalizerOptions;
  private readonly wordPiece: WordPiece;
  private readonly addedTokens: ReadonlyMap<string, number>;
  /** Splits raw text on added tokens, longest first, as the reference matches them before normalizing. */
  private readonly addedTokenPattern?: RegExp;
  private readonly prefix: number[];
  private readonly suffix: number[];

  constructor(
    json: BertTokenizerJson,
    readonly maxTokens = BERT_MAX_TOKENS,
    overrides: { lowercase?: boolean } = {},
  ) {
    const n = json.normalizer;
    this.normalizer = {
      cleanText: n.clean_text,
      handleChineseChars: n.handle_chinese_chars,
      stripAccents: n.strip_accents,
      lowercase: overrides.lowercase ?? n.lowercase,
    };
    this.wordPiece = new WordPiece({
      vocab: new Map(Object.entries(json.model.vocab)),
      unkToken: json.model.unk_token,
      continuingSubwordPrefix: json.model.continuing_subword_prefix,
      maxInputCharsPerWord: json.model.max_input_chars_per_word,
    });
    this.addedTokens = new Map(json.added_tokens.map((t) => [t.content, t.id]));
    const contents = [...this.addedTokens.keys()].sort((a, b) => b.length - a.length);
    if (contents.length > 0) {
      this.addedTokenPattern = new RegExp(`(${contents.map(escapeRegExp).join('|')})`, 'u');
    }
    ({ prefix: this.prefix, suffix: this.suffix } = singleSequenceTemplate(json));
    if (maxTokens <= this.prefix.length + this.suffix.length) {
      throw new Error(`maxTokens ${maxTokens} leaves no room for text`);
    }
  }

  static async fromFile(
    path: string,
    maxTokens = BERT_MAX_TOKENS,
    overrides: { lowercase?: boolean } = {},
  ): Promise<BertTokenizer> {
    return new BertTokenizer(
      parseBertTokenizerJson(await readFile(path, 'utf8'), path),
      maxTokens,
      overrides,
    );
  }

  /** Token ids of one text, with the template's special tokens, at most `maxTokens` long. */
  encode(text: string): number[] {
    return this.tokenize(text, this.maxTokens);
  }

  /** How many tokens the text is, special tokens included, before any cut at `maxTokens`. */
  countTokens(text: string): number {
    return this.tokenize(text, Infinity).length;
  }

  private tokenize(text: string, maxTokens: number): number[] {
    const budget = maxTokens - this.prefix.length - this.suffix.length;
    const ids: number[] = [];
    const parts = this.addedTokenPattern ? text.split(this.addedTokenPattern) : [text];
    // split() with a capture group puts added tokens at the odd indexes.
    parts.forEach((part, index) => {
      if (ids.length >= budget) return;
      const addedId = index % 2 === 1 ? this.addedTokens.get(part) : undefined;
      if (addedId !== undefined) {
        ids.push(addedId);
        return;
      }
      for (const word of preTokenizeBert(normalizeBert(part, this.normalizer))) {
        this.wordPiece.tokenizeWord(word, ids);
        if (ids.length >= budget) break;
      }
    });
    if (ids.length > budget) ids.length = budget;
    return [...this.prefix, ...ids, ...this.suffix];
  }
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
