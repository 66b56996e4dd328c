import { All, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExcludeEndpoint,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Request, Response } from 'express';
import { Tenant } from '../api/auth/tenant.decorator';
import { ApiErrors } from '../api/openapi/error-responses';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { KnowledgeStore } from '../knowledge/store';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { TasksService } from '../tasks/tasks.service';
import { quarryMcpServer } from './quarry-mcp-server';

const VERSION = '0.1.0';

/** What /mcp takes: one JSON-RPC 2.0 message (or a batch) as the MCP specification defines it. */
const JSON_RPC_MESSAGE = {
  type: 'object',
  required: ['jsonrpc'],
  properties: {
    jsonrpc: { type: 'string', enum: ['2.0'] },
    id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    method: { type: 'string', example: 'tools/list' },
    params: { type: 'object' },
  },
};

/**
 * How /mcp refuses a request it cannot read: the MCP transport answers with JSON-RPC's error (an
 * integer code), and the API with its own body (a string code) when the body is not JSON at all.
 */
const JSON_RPC_ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    jsonrpc: { type: 'string' },
    error: {
      type: 'object',
      properties: {
        code: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
        message: { type: 'string' },
      },
    },
    id: { nullable: true },
  },
};

/**
 * MCP over Streamable HTTP at /mcp, stateless: each POST gets a fresh server for the caller's tenant
 * and a transport that answers it (as an SSE stream when the tool sends progress). No session lives
 * in the process, so any API replica can answer any request and nothing leaks between tenants. The
 * API's own guards apply as on every route: the Bearer key names the tenant, the per-tenant request
 * limit counts MCP requests, and a keyless server refuses other sites and foreign Host names.
 */
@ApiTags('mcp')
@ApiBearerAuth()
@ApiErrors(401, 403, 429)
@Controller('mcp')
export class McpController {
  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly tasks: TasksService,
    private readonly knowledge: KnowledgeService,
    private readonly store: KnowledgeStore,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Model Context Protocol (Streamable HTTP, stateless): Quarry’s tools and resources',
    description:
      'JSON-RPC 2.0 messages as the MCP specification defines them; send `Accept: application/json, text/event-stream`.',
  })
  @ApiBody({ schema: JSON_RPC_MESSAGE })
  @ApiResponse({ status: 200, description: 'The JSON-RPC response, as JSON or an SSE stream' })
  @ApiResponse({ status: 202, description: 'A notification or response was accepted' })
  @ApiResponse({ status: 400, description: 'Not a JSON-RPC message', schema: JSON_RPC_ERROR })
  @ApiResponse({
    status: 406,
    description: 'Accept must list application/json and text/event-stream',
    schema: JSON_RPC_ERROR,
  })
  @ApiResponse({
    status: 415,
    description: 'The body must be application/json',
    schema: JSON_RPC_ERROR,
  })
  @ApiErrors(413)
  async handle(@Tenant() tenant: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const server = quarryMcpServer(tenant, {
      tasks: this.tasks,
      knowledge: this.knowledge,
      store: this.store,
      askWaitSeconds: this.config.mcp.askWaitSeconds,
      version: VERSION,
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  }

  /** Stateless: no server-initiated stream to open (GET) and no session to end (DELETE). */
  @All()
  @ApiExcludeEndpoint()
  other(@Res() res: Response): void {
    res
      .status(405)
      .set('Allow', 'POST')
      .json({
        jsonrpc: '2.0',
        error: {
          code: -32000,
          message: 'Method not allowed: this MCP endpoint is stateless; POST to it',
        },
        id: null,
      });
  }
}
