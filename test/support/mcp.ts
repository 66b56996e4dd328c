import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
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

interface WireMessage {
  id?: string | number;
  method?: string;
  params?: { progressToken?: string | number; progress?: number; message?: string };
  result?: unknown;
}

/**
 * Records every message the client's transport receives, in arrival order. Progress is checked on
 * the wire: the SDK client (1.32) dispatches notifications a microtask later than responses, so
 * notifications that arrive in the same read as the result reach `onprogress` too late and are
 * reported as for an unknown token (typescript-sdk#2580) although the server sent them first.
 */
export function recordWire(transport: Transport): WireMessage[] {
  const seen: WireMessage[] = [];
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    seen.push(message as WireMessage);
    deliver?.(message, extra);
  };
  return seen;
}

/** The progress notifications of a request that arrived before its response, in order. */
export function progressBefore(seen: WireMessage[], response: (m: WireMessage) => boolean) {
  const at = seen.findIndex((m) => m.result !== undefined && response(m));
  if (at < 0) throw new Error('the response never arrived');
  const id = seen[at].id;
  return seen
    .slice(0, at)
    .filter((m) => m.method === 'notifications/progress' && m.params?.progressToken === id)
    .map((m) => ({ progress: m.params!.progress, message: m.params!.message }));
}
