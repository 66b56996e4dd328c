import { Injectable } from '@nestjs/common';
import { ApiError } from '../api/api-error';
import { EmbedderRegistry } from './embedder-registry';
import { retrievalSeconds } from '../metrics/registry';
import {
  englishGlossQuery,
  fuseByRank,
  GLOSS_VECTOR_WEIGHT,
  phraseRerank,
  RERANK_POOL,
} from './rerank';
import { chunkOverlapProblem, DEFAULT_CHUNKING } from './chunking/options';
import type { ChunkBody } from './store/chunks';
import { withTranslatedTerms } from './text-terms';
import {
  DEFAULT_ALPHA,
  DEFAULT_SEARCH_LIMIT,
  KnowledgeStore,
  type KnowledgeBase,
  type KnowledgeBaseDescription,
  type SearchHit,
  type SearchMode,
} from './store';

export interface SearchOptions {
  query: string;
  mode?: SearchMode;
  alpha?: number;
  limit?: number;
  /** Rerank the first stage's candidates by phrase overlap (default true). */
  rerank?: boolean;
  sources?: string[];
  metadata?: Record<string, string>;
}

export interface SearchResponse {
  query: string;
  mode: SearchMode;
  alpha: number;
  rerank: boolean;
  hits: SearchHit[];
  /**
   * A Chinese question's English glosses, when they had a vector search of their own (hybrid
   * mode): the hits' first-stage scores are then the rank fusion's, not the hybrid search's.
   */
  glossQuery?: string;
  /** Embedding counts the glosses' too, though it runs beside the hybrid search; search the rest. */
  timings: { embedMs: number; searchMs: number; rerankMs: number };
}

/** Knowledge-base operations shared by the HTTP API and the agent's retrieve step. */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly store: KnowledgeStore,
    private readonly embedders: EmbedderRegistry,
  ) {}

  async create(
    tenant: string,
    input: {
      name: string;
      description?: string;
      chunkSize?: number;
      chunkOverlap?: number;
      embeddingModel?: string;
    },
  ): Promise<KnowledgeBase> {
    const model = input.embeddingModel ?? this.embedders.defaultModel;
    if (model !== this.embedders.defaultModel) {
      throw new ApiError(
        400,
        'validation_failed',
        `embeddingModel: this server embeds with ${this.embedders.defaultModel} (QUARRY_EMBEDDING_MODEL); ` +
          'leave embeddingModel out or name that model',
      );
    }
    const embedder = this.embedders.forModel(model);
    const chunkSize = input.chunkSize ?? DEFAULT_CHUNKING.size;
    const chunkOverlap = input.chunkOverlap ?? DEFAULT_CHUNKING.overlap;
    if (embedder.maxChunkChars !== undefined && chunkSize > embedder.maxChunkChars) {
      throw new ApiError(
        400,
        'validation_failed',
        `chunkSize ${chunkSize} is more than ${embedder.modelId} can embed whole: at most ${embedder.maxChunkChars} characters (its input window is ${embedder.maxChunkChars + 2} tokens, and a character can be a token)`,
        [{ field: 'chunkSize', problems: [`must be at most ${embedder.maxChunkChars}`] }],
      );
    }
    const overlapProblem = chunkOverlapProblem(chunkSize, chunkOverlap);
    if (overlapProblem) {
      throw new ApiError(400, 'validation_failed', `chunkOverlap ${overlapProblem}`, [
        { field: 'chunkOverlap', problems: [overlapProblem] },
      ]);
    }
    return this.store.createKnowledgeBase(tenant, {
      name: input.name,
      description: input.description,
      embeddingModel: embedder.modelId,
      dimensions: embedder.dimensions,
      chunkSize,
      chunkOverlap,
    });
  }

  async list(tenant: string): Promise<KnowledgeBase[]> {
    return this.store.listKnowledgeBases(tenant);
  }

  async describe(tenant: string, name: string): Promise<KnowledgeBaseDescription> {
    return this.store.describeKnowledgeBase(tenant, name);
  }

  async remove(tenant: string, name: string): Promise<boolean> {
    return this.store.deleteKnowledgeBase(tenant, name);
  }

  /** Text and headings of chunks by id (what the agent's steps re-read); missing ids are absent. */
  async chunkBodies(
    tenant: string,
    collection: string,
    ids: string[],
  ): Promise<Map<string, ChunkBody>> {
    return this.store.chunkBodies(tenant, collection, ids);
  }

  async search(
    tenant: string,
    knowledgeBase: string,
    options: SearchOptions,
  ): Promise<SearchResponse> {
    const kb = await this.store.requireKnowledgeBase(tenant, knowledgeBase);
    const mode = options.mode ?? 'hybrid';
    const alpha = options.alpha ?? DEFAULT_ALPHA;
    const rerank = options.rerank ?? true;
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    const embedder = mode === 'keyword' ? undefined : this.embedders.forModel(kb.embeddingModel);
    // A Chinese question's English glosses get a vector search of their own in hybrid mode.
    const glosses = mode === 'hybrid' ? englishGlossQuery(options.query) : '';
    const embedStarted = performance.now();
    const queryVector = await embedder?.embedQuery(options.query);
    const searchStarted = performance.now();
    const pool = rerank ? Math.max(limit, RERANK_POOL) : limit;
    const filters = { sources: options.sources, metadata: options.metadata };
    // The glosses are embedded once the question's embedding has succeeded (an endpoint that
    // refuses gets one request, not two), and their search runs beside the hybrid one.
    let glossEmbedMs = 0;
    const glossSearch = async () => {
      const glossStarted = performance.now();
      const glossVector = glosses ? await embedder?.embedQuery(glosses) : undefined;
      glossEmbedMs = performance.now() - glossStarted;
      if (!glossVector) return undefined;
      return this.store.search(tenant, knowledgeBase, {
        query: glosses,
        queryVector: glossVector,
        queryModel: kb.embeddingModel,
        mode: 'vector',
        limit: pool,
        filters,
      });
    };
    const [{ hits: firstHits }, glossed] = await Promise.all([
      this.store.search(tenant, knowledgeBase, {
        // A query reaches passages of the other language (English ↔ Chinese) on the keyword side
        // through its translations; the vector side embeds the query as asked.
        query: mode === 'vector' ? options.query : withTranslatedTerms(options.query),
        queryVector,
        queryModel: mode === 'keyword' ? undefined : kb.embeddingModel,
        mode,
        alpha,
        limit: pool,
        filters,
      }),
      glossSearch(),
    ]);
    // The hybrid search ranks a Chinese question's Chinese lookalikes above an English answer
    // (its BM25 terms and its vector both lean Chinese); the glosses' vector search reaches the
    // English passages, and rank fusion lets them in without rescaling either side's scores.
    const hits = glossed
      ? fuseByRank([
          { hits: firstHits, weight: 1 },
          { hits: glossed.hits, weight: GLOSS_VECTOR_WEIGHT },
        ]).slice(0, pool)
      : firstHits;
    const rerankStarted = performance.now();
    const ranked = rerank ? phraseRerank(options.query, hits, limit) : hits;
    retrievalSeconds.observe({ mode }, (performance.now() - embedStarted) / 1000);
    return {
      query: options.query,
      mode,
      alpha,
      rerank,
      hits: ranked,
      ...(glossed ? { glossQuery: glosses } : {}),
      timings: {
        embedMs: round(searchStarted - embedStarted + glossEmbedMs),
        searchMs: round(Math.max(0, rerankStarted - searchStarted - glossEmbedMs)),
        // No rerank, no time: not the microseconds between two clock reads on a loaded machine.
        rerankMs: rerank ? round(performance.now() - rerankStarted) : 0,
      },
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
