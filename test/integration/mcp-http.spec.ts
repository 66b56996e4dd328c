import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import {
  data,
  MCP_TOOLS as TOOLS,
  progressBefore,
  recordWire,
  text,
  untilDone,
} from '../support/mcp';
import { HYBRID_DOC, SEARCH_GUIDE, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

/** Quarry as an MCP server over Streamable HTTP at /mcp, used through the official SDK's client. */
describe('MCP server over Streamable HTTP (/mcp)', () => {
  let t: TestApp;
  const keyA = `mcp-a-${randomUUID()}`;
  // Tenant names of their own: other test files' tenants share the same Weaviate and Temporal.
  const alpha = `mcpa${randomUUID().slice(0, 8)}`;
  const beta = `mcpb${randomUUID().slice(0, 8)}`;
  const keyB = `mcp-b-${randomUUID()}`;
  const kb = `mcp-${randomUUID().slice(0, 8)}`;
  const clients: Client[] = [];

  const httpClient = async (key?: string): Promise<Client> => {
    const transport = new StreamableHTTPClientTransport(new URL(`${t.url}/mcp`), {
      requestInit: { headers: key ? { authorization: `Bearer ${key}` } : {} },
    });
    const client = new Client({ name: 'quarry-test', version: '1.0.0' });
    clients.push(client);
    await client.connect(transport);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp({
      QUARRY_API_KEYS: `${alpha}:${keyA},${beta}:${keyB}`,
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
    });
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC, SEARCH_GUIDE], {
      authorization: `Bearer ${keyA}`,
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await t?.close();
  });

  it('lists its tools with schemas, and its resources', async () => {
    const client = await httpClient(keyA);
    expect(client.getServerVersion()?.name).toBe('quarry');
    const { tools } = await client.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual(TOOLS);
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(60);
      expect(tool.inputSchema.type).toBe('object');
    }
    const search = tools.find((x) => x.name === 'search_knowledge_base')!;
    expect(search.inputSchema.required).toEqual(['knowledge_base', 'query']);
    expect(search.inputSchema.properties?.k).toMatchObject({ minimum: 1, maximum: 20, default: 5 });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate).sort()).toEqual([
      'quarry://knowledge-bases/{name}/documents',
      'quarry://tasks/{id}',
    ]);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`quarry://knowledge-bases/${kb}/documents`);
  });

  it('lists knowledge bases, searches one, and reads its document list', async () => {
    const client = await httpClient(keyA);
    const listed = data(await client.callTool({ name: 'list_knowledge_bases', arguments: {} }));
    expect(listed.knowledgeBases).toEqual([
      expect.objectContaining({ name: kb, documents: 2, chunks: expect.any(Number) }),
    ]);
    const found = await client.callTool({
      name: 'search_knowledge_base',
      arguments: { knowledge_base: kb, query: 'alpha 参数', k: 2 },
    });
    expect(found.isError).toBeFalsy();
    const passages = data(found).passages as { source: string; score: number; text: string }[];
    expect(passages).toHaveLength(2);
    expect(passages[0].text).toContain('alpha');
    expect(['hybrid.md', 'guide/search.md']).toContain(passages[0].source);
    expect(text(found)).toMatch(/^\[1\] (hybrid\.md|guide\/search\.md)/);
    const docs = await client.readResource({ uri: `quarry://knowledge-bases/${kb}/documents` });
    const body = JSON.parse((docs.contents[0] as { text: string }).text);
    expect(body.documents.map((d: { source: string }) => d.source).sort()).toEqual([
      'guide/search.md',
      'hybrid.md',
    ]);
  });

  it('asks with a progress notification per step, and returns the cited answer', async () => {
    const client = await httpClient(keyA);
    const wire = recordWire(client.transport!);
    const res = await client.callTool(
      {
        name: 'ask',
        arguments: { question: '混合检索的 alpha 参数有什么作用？', knowledge_base: kb },
      },
      undefined,
      { onprogress: () => undefined }, // asks for progress (sends a progressToken)
    );
    expect(res.isError).toBeFalsy();
    expect(data(res)).toMatchObject({ status: 'completed', abstained: false });
    expect(text(res)).toContain('alpha');
    expect(text(res)).toMatch(/Sources:\n\[1\] /);
    const progress = progressBefore(wire, (m) => data(m.result).taskId === data(res).taskId);
    expect(progress[0]).toEqual({ progress: 1, message: 'retrieve' });
    expect(progress.at(-1)?.message).toBe('finalize');
    expect(progress.map((p) => p.progress)).toEqual(progress.map((_, i) => i + 1));
    expect(progress.map((p) => p.message)).toEqual(data(res).steps);
  });

  it('returns at once with the task id when told not to wait, then get_task has it', async () => {
    const client = await httpClient(keyA);
    const res = await client.callTool({
      name: 'ask',
      arguments: { question: 'BM25 和向量检索怎么结合？', knowledge_base: kb, wait_seconds: 0 },
    });
    // It looks once: an ask whose steps all run locally may already be answered by then.
    const status = data(res).status as string;
    expect(['queued', 'running', 'completed']).toContain(status);
    expect(text(res)).toContain(
      status === 'completed' ? `(task ${data(res).taskId})` : `The task id is ${data(res).taskId}`,
    );
    const done = await untilDone(client, data(res).taskId);
    expect(data(done).status).toBe('completed');
    expect(text(done)).toContain(`Task ${data(res).taskId} (answer) is completed.`);
  });

  it('starts research, follows it with get_task, and reads the report as a resource', async () => {
    const client = await httpClient(keyA);
    const started = await client.callTool({
      name: 'start_research',
      arguments: {
        question: '混合检索如何工作？',
        knowledge_base: kb,
        sub_questions: ['alpha 参数决定什么？', 'BM25 是什么检索？'],
      },
    });
    const id = data(started).taskId as string;
    expect(id).toMatch(/^task-/);
    const done = await untilDone(client, id);
    expect(data(done).status).toBe('completed');
    expect(data(done).report).toMatch(/## Summary[\s\S]*## Findings[\s\S]*## References/);
    const report = await client.readResource({ uri: `quarry://tasks/${id}` });
    expect(report.contents[0]).toMatchObject({ mimeType: 'text/markdown' });
    expect((report.contents[0] as { text: string }).text).toBe(data(done).report.trimEnd());
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`quarry://tasks/${id}`);
  });

  it("gives bad arguments the schema's message and failures the HTTP API's message", async () => {
    const client = await httpClient(keyA);
    const badK = await client.callTool({
      name: 'search_knowledge_base',
      arguments: { knowledge_base: kb, query: 'alpha', k: 99 },
    });
    expect(badK.isError).toBe(true);
    expect(text(badK)).toContain('k must be 1-20');
    expect(text(badK)).not.toMatch(/\n\s+at /); // no stack
    const extra = await client.callTool({
      name: 'get_task',
      arguments: { task_id: 'x', verbose: true },
    });
    expect(extra.isError).toBe(true);
    expect(text(extra)).toContain('verbose');

    const viaMcp = await client.callTool({
      name: 'search_knowledge_base',
      arguments: { knowledge_base: 'nope', query: 'alpha' },
    });
    const viaHttp = await call(
      t.url,
      'POST',
      '/v1/collections/nope/search',
      { query: 'alpha' },
      {
        authorization: `Bearer ${keyA}`,
      },
    );
    expect(viaHttp.status).toBe(404);
    expect(viaMcp.isError).toBe(true);
    expect(text(viaMcp)).toBe(viaHttp.body.error.message);
    const blank = await client.callTool({
      name: 'ask',
      arguments: { question: '   ', knowledge_base: kb },
    });
    expect(text(blank)).toBe('question: question must not be blank');
  });

  it("keeps tenants apart: another key sees none of the first tenant's knowledge bases or tasks", async () => {
    const a = await httpClient(keyA);
    const asked = await a.callTool({
      name: 'ask',
      arguments: { question: 'alpha 为 0 时用什么检索？', knowledge_base: kb },
    });
    const id = data(asked).taskId as string;
    const b = await httpClient(keyB);
    expect(data(await b.callTool({ name: 'list_knowledge_bases', arguments: {} }))).toEqual({
      knowledgeBases: [],
    });
    const search = await b.callTool({
      name: 'search_knowledge_base',
      arguments: { knowledge_base: kb, query: 'alpha' },
    });
    expect(search.isError).toBe(true);
    expect(text(search)).toContain(`"${kb}" does not exist`);
    const task = await b.callTool({ name: 'get_task', arguments: { task_id: id } });
    expect(task.isError).toBe(true);
    expect(text(task)).toBe(`No task ${id}`);
    await expect(b.readResource({ uri: `quarry://tasks/${id}` })).rejects.toThrow(`No task ${id}`);
    const { resources } = await b.listResources();
    expect(resources).toEqual([]);
  });

  it('answers a request without a key, or with an unknown one, with 401', async () => {
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    };
    const headers = { accept: 'application/json, text/event-stream' };
    const none = await call(t.url, 'POST', '/mcp', init, headers);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await call(t.url, 'POST', '/mcp', init, {
      ...headers,
      authorization: 'Bearer not-a-key-of-anyone',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Unknown API key');
    await expect(httpClient()).rejects.toMatchObject({
      code: 401,
      message: expect.stringContaining('Authorization: Bearer <key>'),
    });
  });

  it("applies the tenant's request limit to /mcp as to /v1", async () => {
    const limited = await startTestApp({
      QUARRY_API_KEYS: `${alpha}:${keyA}`,
      QUARRY_RATE_LIMIT_PER_MINUTE: '2',
      QUARRY_EMBEDDED_WORKER: 'false',
    });
    try {
      // The reply to a request comes as an SSE stream: only the status matters here.
      const send = () =>
        fetch(`${limited.url}/mcp`, {
          method: 'POST',
          headers: {
            accept: 'application/json, text/event-stream',
            'content-type': 'application/json',
            authorization: `Bearer ${keyA}`,
          },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
        }).then(async (res) => ({
          status: res.status,
          headers: res.headers,
          text: await res.text(),
        }));
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      const over = await send();
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });
});
