import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { ClientConfig } from './client/client-config';

/** What went wrong reaching Quarry, in words, with the API's own message when it sent one. */
function reason(err: unknown, baseUrl: string): string {
  if (err instanceof StreamableHTTPError) {
    const body = /\{.*\}$/s.exec(err.message)?.[0];
    let message = err.message;
    try {
      message =
        (JSON.parse(body ?? '') as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // not Quarry's error body: keep the transport's words
    }
    return `Quarry at ${baseUrl} answered ${err.code}: ${message}`;
  }
  const c = (err as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } })
    .cause;
  const cause = c?.code ?? c?.errors?.[0]?.code ?? c?.message ?? (err as Error).message;
  return `Quarry is not reachable at ${baseUrl} (${cause}). Start it with \`npm start\`, or set QUARRY_URL.`;
}

const isRequest = (
  m: JSONRPCMessage,
): m is JSONRPCMessage & { id: string | number; method: string } =>
  'method' in m && 'id' in m && m.id !== undefined;

/**
 * `quarry mcp`: Quarry's MCP server on stdio, for desktop clients that launch a command. It is a
 * bridge, message for message, to the running Quarry's own Streamable HTTP endpoint (/mcp), rather
 * than a second MCP server calling the REST API: the tools, their schemas, the progress
 * notifications and the error messages are then defined once, in the API process, and the two
 * transports cannot drift apart. The API key travels as the same Bearer header the HTTP API takes.
 */
export async function mcpCommand(config: ClientConfig): Promise<void> {
  const headers: Record<string, string> = config.apiKey
    ? { authorization: `Bearer ${config.apiKey}` }
    : {};
  const upstream = new StreamableHTTPClientTransport(new URL(`${config.baseUrl}/mcp`), {
    requestInit: { headers },
  });
  const local = new StdioServerTransport();
  const log = (line: string) => process.stderr.write(`quarry mcp: ${line}\n`);
  let initializeId: string | number | undefined;
  const inflight = new Set<Promise<void>>();

  local.onmessage = (message) => {
    if (isRequest(message) && message.method === 'initialize') initializeId = message.id;
    const sent = upstream.send(message).catch((err: unknown) => {
      // The transport reports the failure through onerror too (logged there). A request must
      // also get an answer, or the client waits for ever; a notification has none.
      const text = reason(err, config.baseUrl);
      if (isRequest(message))
        return local.send({
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32000, message: text },
        });
    });
    inflight.add(sent);
    void sent.finally(() => inflight.delete(sent));
  };
  upstream.onmessage = (message) => {
    // The HTTP transport sends the negotiated version as a header on every later request.
    if ('result' in message && message.id === initializeId) {
      const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
      if (typeof version === 'string') upstream.setProtocolVersion(version);
    }
    void local.send(message);
  };
  upstream.onerror = (err) => log(reason(err, config.baseUrl));
  local.onerror = (err) => log(err.message);

  const closed = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
    local.onclose = resolve;
  });
  await upstream.start();
  await local.start();
  log(`bridging stdio to ${config.baseUrl}/mcp`);
  await closed;
  // Input ended: answer what was already sent before going (a piped-in request still gets its reply).
  await Promise.allSettled([...inflight]);
  await upstream.close();
}
