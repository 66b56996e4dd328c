import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { randomUUID } from 'node:crypto';
import {
  data,
  MCP_TOOLS as TOOLS,
  progressBefore,
  recordWire,
  text,
  untilDone,
} from '../support/mcp';
import { CLI } from '../support/run-cli';
import { HYBRID_DOC, SEARCH_GUIDE, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

/** `quarry mcp` (bin/quarry.js) spawned as desktop clients do, driven by the official SDK's client. */
describe('MCP server over stdio (`quarry mcp`, bridged to a running Quarry)', () => {
  let t: TestApp;
  const keyA = `mcp-a-${randomUUID()}`;
  // Tenant names of their own: other test files' tenants share the same Weaviate and Temporal.
  const alpha = `mcpioa${randomUUID().slice(0, 8)}`;
  const kb = `mcpio-${randomUUID().slice(0, 8)}`;
  const clients: Client[] = [];

  const stdioClient = async (key: string): Promise<{ client: Client; stderr: () => string }> => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp'],
      env: { PATH: process.env.PATH ?? '', QUARRY_URL: t.url, QUARRY_API_KEY: key },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: 'quarry-test-stdio', version: '1.0.0' });
    clients.push(client);
    await client.connect(transport);
    return { client, stderr: () => stderr };
  };

  beforeAll(async () => {
    t = await startTestApp({ QUARRY_API_KEYS: `${alpha}:${keyA}` });
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC, SEARCH_GUIDE], {
      authorization: `Bearer ${keyA}`,
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await t?.close();
  });

  it('works over stdio through `quarry mcp`: tools, progress, research and its report', async () => {
    const { client, stderr } = await stdioClient(keyA);
    expect((await client.listTools()).tools.map((x) => x.name).sort()).toEqual(TOOLS);
    const wire = recordWire(client.transport!);
    const asked = await client.callTool(
      { name: 'ask', arguments: { question: 'alpha 参数决定什么？', knowledge_base: kb } },
      undefined,
      { onprogress: () => undefined }, // asks for progress (sends a progressToken)
    );
    expect(data(asked).status).toBe('completed');
    const progress = progressBefore(wire, (m) => data(m.result).taskId === data(asked).taskId);
    expect(progress.map((p) => p.message)).toEqual(data(asked).steps);
    expect(progress[0]).toEqual({ progress: 1, message: 'retrieve' });
    const started = await client.callTool({
      name: 'start_research',
      arguments: {
        question: 'alpha 与 BM25',
        knowledge_base: kb,
        sub_questions: ['alpha 决定什么？'],
      },
    });
    const done = await untilDone(client, data(started).taskId);
    expect(data(done).status).toBe('completed');
    const report = await client.readResource({ uri: `quarry://tasks/${data(started).taskId}` });
    expect((report.contents[0] as { text: string }).text).toContain('## References');
    const missing = await client.callTool({
      name: 'get_task',
      arguments: { task_id: 'task-nope' },
    });
    expect(text(missing)).toBe('No task task-nope');
    expect(stderr()).toContain(`bridging stdio to ${t.url}/mcp`);
  });

  it('over stdio, says why when the key is wrong or Quarry is not running', async () => {
    await expect(stdioClient('wrong-key-of-nobody')).rejects.toThrow(
      `Quarry at ${t.url} answered 401: Unknown API key`,
    );
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp'],
      env: { PATH: process.env.PATH ?? '', QUARRY_URL: 'http://127.0.0.1:9' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'quarry-test-down', version: '1.0.0' });
    clients.push(client);
    await expect(client.connect(transport)).rejects.toThrow(
      'Quarry is not reachable at http://127.0.0.1:9',
    );
  });
});
