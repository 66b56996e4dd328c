import { Logger } from '@nestjs/common';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AllExceptionsFilter } from '../api/all-exceptions.filter';

const logger = new Logger('MCP');

/** The HTTP API's status and message for an error, logged like the API logs its 5xx. */
function described(err: unknown): { status: number; code: string; message: string } {
  const [status, body] = AllExceptionsFilter.response(err);
  if (status >= 500) logger.error(body.error.message, err instanceof Error ? err.stack : undefined);
  return { status, code: body.error.code, message: body.error.message };
}

/**
 * A tool's failure as an MCP tool error (`isError`), carrying the message the HTTP API would give
 * for the same failure, so a model reads the same "knowledge base … does not exist" either way.
 */
export function toolError(err: unknown): CallToolResult {
  const { status, code, message } = described(err);
  return {
    isError: true,
    content: [{ type: 'text', text: message }],
    structuredContent: { error: { status, code, message } },
  };
}

/** MCP's resource-not-found code (the spec's -32002); other failures map to JSON-RPC's own. */
const RESOURCE_NOT_FOUND = -32002;

/** A resource read's failure as a JSON-RPC error with the HTTP API's message. */
export function resourceError(err: unknown): McpError {
  if (err instanceof McpError) return err;
  const { status, message } = described(err);
  const code =
    status === 404
      ? RESOURCE_NOT_FOUND
      : status < 500
        ? ErrorCode.InvalidParams
        : ErrorCode.InternalError;
  return new McpError(code, message);
}

/** Runs a tool body, turning any failure into a tool error. */
export async function asTool(run: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await run();
  } catch (err) {
    return toolError(err);
  }
}
