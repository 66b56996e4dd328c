import { call } from './http';

export interface SeedDocument {
  source: string;
  text: string;
}

/** The passage most agent tests ask about: what hybrid search's alpha does. */
export const HYBRID_DOC: SeedDocument = {
  source: 'hybrid.md',
  text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重，alpha 为 0 时只用关键词。',
};

export const SEARCH_GUIDE: SeedDocument = {
  source: 'guide/search.md',
  text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重。',
};

/** Creates a knowledge base and ingests documents into it, durably; returns how many indexed. */
export async function seedKnowledgeBase(
  url: string,
  name: string,
  documents: SeedDocument[],
  headers: Record<string, string> = {},
): Promise<number> {
  await call(url, 'POST', '/v1/collections', { name }, headers);
  const ingest = await call(
    url,
    'POST',
    `/v1/collections/${name}/documents?wait=true`,
    { documents },
    headers,
  );
  return ingest.body.progress.indexed as number;
}
