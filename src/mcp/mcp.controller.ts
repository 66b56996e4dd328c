import { All, Controller, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExcludeEndpoint,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Request, Response } from 'express';
import { RateLimitGuard } from '../api/auth/rate-limit.guard';
import { Tenant } from '../api/auth/tenant.decorator';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { KnowledgeStoreService } from '../knowledge/knowledge-store.service';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { TasksService } from '../tasks/tasks.service';
import { McpAuthGuard } from './mcp-auth.guard';
import { quarryMcpServer } from './quarry-mcp-server';

const VERSION = '0.1.0';

/**
 * MCP over Streamable HTTP at /mcp, stateless: each POST gets a fresh server for the caller's tenant
 * and a transport that answers it (as an SSE stream when the tool sends progress). No session lives
 * in the process, so any API replica can answer any request and nothing leaks between tenants.
 */
@ApiTags('mcp')
@ApiBearerAuth()
@Controller('mcp')
// The per-tenant request limit, as on /v1 (its own buckets: a global guard that also covers /mcp
// counts the same requests in its buckets, so the limit holds either way and is never halved).
@UseGuards(McpAuthGuard, RateLimitGuard)
export class McpController {
  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly tasks: TasksService,
    private readonly knowledge: KnowledgeService,
    private readonly stores: KnowledgeStoreService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Model Context Protocol (Streamable HTTP, stateless): Quarry’s tools and resources',
    description:
      'JSON-RPC 2.0 messages as the MCP specification defines them; send `Accept: application/json, text/event-stream`.',
  })
  @ApiResponse({ status: 200, description: 'A JSON-RPC response, as JSON or an SSE stream' })
  @ApiResponse({ status: 202, description: 'A notification or response was accepted' })
  @ApiResponse({ status: 400, description: 'Not a JSON-RPC message' })
  @ApiResponse({ status: 401, description: 'No API key, or an unknown one' })
  @ApiResponse({
    status: 403,
    description: 'Local mode: the request was not addressed to loopback',
  })
  @ApiResponse({
    status: 406,
    description: 'The Accept header lacks application/json or text/event-stream',
  })
  @ApiResponse({ status: 415, description: 'The body is not application/json' })
  @ApiResponse({ status: 429, description: 'Over the per-tenant request limit; see Retry-After' })
  async handle(@Tenant() tenant: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const server = quarryMcpServer(tenant, {
      tasks: this.tasks,
      knowledge: this.knowledge,
      stores: this.stores,
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
