import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** The tools Quarry's MCP server offers, by name. */
export const MCP_TOOLS = [
  'ask',
  'get_task',
  'list_knowledge_bases',
  'search_knowledge_base',
  'start_research',
];

/** A tool result's first text, and its structured content. */
export const text = (r: unknown) => ((r as CallToolResult).content[0] as { text: string }).text;
export const data = (r: unknown) => (r as CallToolResult).structuredContent as Record<string, any>;

/** Polls get_task until the task has ended; returns the last get_task result. */
export async function untilDone(client: Client, taskId: string): Promise<unknown> {
  for (let i = 0; i < 300; i++) {
    const res = await client.callTool({ name: 'get_task', arguments: { task_id: taskId } });
    if (['completed', 'failed', 'cancelled'].includes(data(res).status)) return res;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`task ${taskId} did not finish`);
}
