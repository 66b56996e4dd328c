import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { KNOWLEDGE_BASE_NAME_PATTERN } from '../../../workflows/contract';
import type { KnowledgeService } from '../../knowledge/knowledge.service';
import { asTool } from '../mcp-errors';

/** A knowledge base argument: the same naming rule as the HTTP API's. */
export const knowledgeBaseArg = z
  .string()
  .regex(
    KNOWLEDGE_BASE_NAME_PATTERN,
    'knowledge_base must be a knowledge base name (lowercase letters, digits, - or _), as list_knowledge_bases shows it',
  )
  .describe('The knowledge base name, as list_knowledge_bases returns it');

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** list_knowledge_bases and search_knowledge_base: reading the tenant's knowledge bases. */
export function registerKnowledgeTools(
  server: McpServer,
  tenant: string,
  knowledge: KnowledgeService,
): void {
  server.registerTool(
    'list_knowledge_bases',
    {
      title: 'List knowledge bases',
      description:
        'Lists the knowledge bases you can search and ask about: name, description, how many documents and chunks each holds, and when it was last synced. Call this first to learn the names the other tools take.',
      inputSchema: z.strictObject({}),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      asTool(async () => {
        const bases = await knowledge.list(tenant);
        const described = await Promise.all(bases.map((b) => knowledge.describe(tenant, b.name)));
        const knowledgeBases = described.map((d) => ({
          name: d.name,
          description: d.description,
          documents: d.documents.indexed,
          chunks: d.chunks,
          lastSyncAt: d.lastSyncAt,
        }));
        const text = knowledgeBases.length
          ? json(knowledgeBases)
          : 'There are no knowledge bases yet.';
        return { content: [{ type: 'text', text }], structuredContent: { knowledgeBases } };
      }),
  );

  server.registerTool(
    'search_knowledge_base',
    {
      title: 'Search a knowledge base',
      description:
        'Finds the passages of a knowledge base that best match a query (hybrid keyword and vector search, reranked by the query phrases they contain). Returns up to k passages with their source document, page, heading and score. Use it to look things up yourself; use ask for an answer written from the passages with citations.',
      inputSchema: z.strictObject({
        knowledge_base: knowledgeBaseArg,
        query: z
          .string()
          .min(1, 'query must not be empty')
          .max(2000, 'query must be at most 2000 characters')
          .describe('What to look for: a question or keywords, in any language'),
        k: z
          .number()
          .int('k must be a whole number')
          .min(1, 'k must be 1-20')
          .max(20, 'k must be 1-20')
          .default(5)
          .describe('How many passages to return (1-20, default 5)'),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ knowledge_base, query, k }) =>
      asTool(async () => {
        const res = await knowledge.search(tenant, knowledge_base, { query, limit: k });
        const passages = res.hits.map((h, i) => ({
          n: i + 1,
          source: h.source,
          page: h.page,
          heading: h.headingPath.join(' > '),
          score: Math.round(h.score * 10_000) / 10_000,
          text: h.text,
          chunkId: h.id,
        }));
        const text = passages.length
          ? passages
              .map(
                (p) =>
                  `[${p.n}] ${p.source}${p.page === null ? '' : ` p.${p.page}`}${p.heading ? ` · ${p.heading}` : ''} (score ${p.score})\n${p.text}`,
              )
              .join('\n\n')
          : `Nothing in ${knowledge_base} matches that query.`;
        return { content: [{ type: 'text', text }], structuredContent: { passages } };
      }),
  );
}
