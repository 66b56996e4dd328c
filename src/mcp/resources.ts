import { McpError, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { KnowledgeService } from '../knowledge/knowledge.service';
import type { KnowledgeStore } from '../knowledge/store';
import type { TasksService } from '../tasks/tasks.service';
import { resourceError } from './mcp-errors';
import { resultText } from './task-text';

/** Resources list this many of the newest finished tasks; any task id can be read. */
const LISTED_TASKS = 25;
const DOCUMENTS_READ = 1000;

/** One template variable, decoded (clients may percent-encode an id's colons). */
function variable(value: string | string[]): string {
  const v = Array.isArray(value) ? value.join(',') : value;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

async function read<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw resourceError(err);
  }
}

/** A finished task's answer or report, and a knowledge base's documents, as MCP resources. */
export function registerResources(
  server: McpServer,
  tenant: string,
  deps: { tasks: TasksService; knowledge: KnowledgeService; store: KnowledgeStore },
): void {
  server.registerResource(
    'task',
    new ResourceTemplate('quarry://tasks/{id}', {
      list: () =>
        read(async () => {
          const { tasks } = await deps.tasks.list(tenant, { status: 'completed' }, LISTED_TASKS);
          return {
            resources: tasks.map((t) => ({
              uri: `quarry://tasks/${t.id}`,
              name: t.id,
              title: `${t.mode === 'research' ? 'Report' : 'Answer'}: ${t.question.slice(0, 80)}`,
              mimeType: 'text/markdown',
            })),
          };
        }),
    }),
    {
      title: 'A finished task',
      description: "A completed task's answer (with its sources) or research report, in markdown",
      mimeType: 'text/markdown',
    },
    (uri, vars) =>
      read(async () => {
        const id = variable(vars.id);
        const view = await deps.tasks.get(tenant, id);
        if (view.status !== 'completed')
          throw new McpError(
            ErrorCode.InvalidParams,
            `Task ${id} is ${view.status}: it has no answer or report yet`,
          );
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: resultText(view) }] };
      }),
  );

  server.registerResource(
    'knowledge-base-documents',
    new ResourceTemplate('quarry://knowledge-bases/{name}/documents', {
      list: () =>
        read(async () => ({
          resources: (await deps.knowledge.list(tenant)).map((kb) => ({
            uri: `quarry://knowledge-bases/${kb.name}/documents`,
            name: `${kb.name} documents`,
            description: kb.description || undefined,
            mimeType: 'application/json',
          })),
        })),
    }),
    {
      title: "A knowledge base's documents",
      description:
        'The documents of a knowledge base: source, title, format, pages, chunks, status and any ingestion error (JSON)',
      mimeType: 'application/json',
    },
    (uri, vars) =>
      read(async () => {
        const name = variable(vars.name);
        const page = await deps.store.listDocuments(tenant, name, { limit: DOCUMENTS_READ });
        const documents = page.documents.map((d) => ({
          source: d.source,
          title: d.title,
          format: d.format,
          pages: d.pageCount,
          chunks: d.chunkCount,
          status: d.status,
          error: d.error,
          ingestedAt: d.ingestedAt,
        }));
        const text = JSON.stringify(
          { knowledgeBase: name, documents, more: page.nextCursor !== null },
          null,
          2,
        );
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
      }),
  );
}
