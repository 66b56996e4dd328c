import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Chunk } from '../knowledge/types';
import { EmbedderRegistry } from '../knowledge/embedder-registry';
import { KnowledgeStore } from '../knowledge/store';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { percentile, recallAgainst, round, topK } from './stats';

export interface SearchFigures {
  chunks: number;
  queries: number;
  index_s: number;
  hybrid_p50_ms: number;
  hybrid_p99_ms: number;
  vector_p50_ms: number;
  vector_p99_ms: number;
  recall_vs_exact: number;
}

const DOC_CHUNKS = 500;

/** A seeded generator, so every run synthesizes the same corpus. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

/**
 * `size` chunks synthesized from real ones: each mixes two real passages' text and the matching
 * mix of their real embeddings (random weights, a little noise), so vectors spread over the space
 * real text occupies instead of clustering on copies.
 */
function synthesize(base: { text: string; vector: number[] }[], size: number) {
  const rand = random(size);
  const dims = base[0].vector.length;
  const chunks: Chunk[] = [];
  const vectors: Float32Array[] = [];
  for (let i = 0; i < size; i++) {
    const a = base[Math.floor(rand() * base.length)];
    const b = base[Math.floor(rand() * base.length)];
    const w = rand();
    const v = new Float32Array(dims);
    for (let d = 0; d < dims; d++)
      v[d] = w * a.vector[d] + (1 - w) * b.vector[d] + (rand() - 0.5) * 0.02;
    vectors.push(normalize(v));
    const text = `${a.text.slice(0, 240)} ${b.text.slice(-240)} #${i}`;
    chunks.push({
      text,
      source: `synthetic/${Math.floor(i / DOC_CHUNKS)}.txt`,
      title: 'synthetic',
      headingPath: [],
      page: null,
      position: i % DOC_CHUNKS,
      contentHash: createHash('sha256').update(text).digest('hex'),
      metadata: {},
    });
  }
  return { chunks, vectors };
}

/**
 * Search at `size` chunks: hybrid and vector latency through Quarry's store (query vectors given,
 * so embedding is not in the figure), and HNSW's top-10 against an exact brute-force top-10 over
 * the same vectors.
 */
export async function benchSearch(
  app: INestApplication,
  base: { text: string; vector: number[] }[],
  queries: { text: string; vector: number[] }[],
  size: number,
  log: (line: string) => void,
): Promise<SearchFigures> {
  const knowledge = app.get(KnowledgeService);
  const store = app.get(KnowledgeStore);
  const model = app.get(EmbedderRegistry).default().modelId;
  const kb = `bench-search-${size}`;
  await knowledge.create('local', { name: kb });
  const { chunks, vectors } = synthesize(base, size);
  const ids: string[] = [];
  const indexStarted = performance.now();
  for (let start = 0; start < size; start += DOC_CHUNKS) {
    const part = chunks.slice(start, start + DOC_CHUNKS);
    const res = await store.upsertDocumentChunks(
      'local',
      kb,
      {
        source: part[0].source,
        docHash: createHash('sha256').update(`${kb}${start}`).digest('hex'),
        title: 'synthetic',
        format: 'text',
        pageCount: 0,
        bytes: 0,
        metadata: {},
        embeddingModel: model,
      },
      part,
      vectors.slice(start, start + DOC_CHUNKS).map((v) => Array.from(v)),
    );
    ids.push(...res.chunkIds);
    if (start % 20_000 === 0) log(`  indexed ${start + part.length}/${size} synthetic chunks`);
  }
  const indexS = (performance.now() - indexStarted) / 1000;
  const hybrid: number[] = [];
  const vector: number[] = [];
  let recall = 0;
  const search = (q: { text: string; vector: number[] }, mode: 'hybrid' | 'vector') =>
    store.search('local', kb, {
      query: q.text,
      queryVector: q.vector,
      queryModel: model,
      mode,
      limit: 10,
    });
  for (const q of queries.slice(0, 5)) await search(q, 'hybrid'); // warm caches
  for (const q of queries) {
    let t = performance.now();
    await search(q, 'hybrid');
    hybrid.push(performance.now() - t);
    t = performance.now();
    const found = await search(q, 'vector');
    vector.push(performance.now() - t);
    const scores = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      let dot = 0;
      const v = vectors[i];
      for (let d = 0; d < v.length; d++) dot += v[d] * q.vector[d];
      scores[i] = dot;
    }
    const exact = topK(scores, 10).map((i) => ids[i]);
    recall += recallAgainst(
      found.hits.map((h) => h.id),
      exact,
    );
  }
  await knowledge.remove('local', kb);
  return {
    chunks: size,
    queries: queries.length,
    index_s: round(indexS),
    hybrid_p50_ms: round(percentile(hybrid, 50)),
    hybrid_p99_ms: round(percentile(hybrid, 99)),
    vector_p50_ms: round(percentile(vector, 50)),
    vector_p99_ms: round(percentile(vector, 99)),
    recall_vs_exact: round(recall / queries.length),
  };
}
