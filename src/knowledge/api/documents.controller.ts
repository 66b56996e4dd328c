import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Request, Response } from 'express';
import { ApiError } from '../../api/api-error';
import { Tenant } from '../../api/auth/tenant.decorator';
import { ApiErrors, ApiStandardErrors } from '../../api/openapi/error-responses';
import { quarryValidationPipe } from '../../api/validation.pipe';
import type { QuarryConfig } from '../../config/config';
import { QUARRY_CONFIG } from '../../config/config.module';
import { Staging, type StagedFile } from '../ingest/staging';
import { IngestionService, type IngestionStarted } from '../ingestion.service';
import { KnowledgeStore } from '../store';
import { isSupported } from '../loaders';
import type { DocumentPage } from '../store';
import type { IncomingFile } from '../types';
import { AddDocumentsDto, sourceProblem } from './collection.dto';
import { ApiCollectionName } from './collections.controller';
import { readMultipart } from './multipart';
import {
  DOCUMENT_PAGE_SCHEMA,
  INGEST_PROGRESS_SCHEMA,
  INGESTION_STARTED_SCHEMA,
} from './knowledge-responses';

const validation = quarryValidationPipe();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('knowledge bases')
@ApiBearerAuth()
@ApiStandardErrors()
@ApiCollectionName()
@Controller('v1/collections/:name/documents')
export class DocumentsController {
  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly ingestion: IngestionService,
    private readonly store: KnowledgeStore,
    private readonly staging: Staging,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Add or update documents: multipart upload (field "files", several at once) or a JSON body',
    description:
      'Starts a durable ingestion job and answers 202 with its id; `?wait=true` answers 200 when it has ended ' +
      '(`status` completed, or failed with `progress.error`). ' +
      'Re-sending an unchanged document stores nothing new; a changed one replaces exactly its own chunks. ' +
      'Uploads stream to disk; one file may be up to QUARRY_MAX_UPLOAD_MB, all files of a request together up to ' +
      'QUARRY_MAX_UPLOAD_REQUEST_MB (413 beyond either).',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiQuery({ name: 'wait', required: false, type: Boolean })
  @ApiAcceptedResponse({
    description: 'The ingestion job started',
    schema: INGESTION_STARTED_SCHEMA,
  })
  @ApiOkResponse({
    description: 'With ?wait=true: the finished job and its progress',
    schema: INGESTION_STARTED_SCHEMA,
  })
  @ApiErrors(404, 413, 415)
  async add(
    @Tenant() tenant: string,
    @Param('name') name: string,
    @Query('wait') wait: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IngestionStarted> {
    if (req.is('multipart/form-data') && !/;\s*boundary=/i.test(req.headers['content-type'] ?? ''))
      throw new ApiError(400, 'bad_request', 'A multipart/form-data body needs a boundary');
    // 404 before a byte of the upload is read or written.
    await this.store.requireKnowledgeBase(tenant, name);
    const jobId = this.ingestion.newJobId();
    let staged: { files: StagedFile[]; remove: string[] };
    try {
      staged = req.is('multipart/form-data')
        ? await this.fromMultipart(req, res, jobId)
        : await this.fromJson(req, jobId);
      if (staged.files.length === 0 && staged.remove.length === 0) {
        throw new ApiError(400, 'validation_failed', 'No documents: send files or documents[]');
      }
    } catch (err) {
      await this.staging.remove(jobId);
      throw err;
    }
    const started = await this.ingestion.startStaged(tenant, name, jobId, staged.files, {
      wait: wait === 'true',
      removeSources: staged.remove,
    });
    if (started.status !== 'running') res.status(200);
    return started;
  }

  @Get()
  @ApiOperation({ summary: 'List documents with their status, chunk count and failures' })
  @ApiQuery({ name: 'cursor', required: false, type: String })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 1000 },
  })
  @ApiOkResponse({
    description: 'A page of documents and the cursor of the next',
    schema: DOCUMENT_PAGE_SCHEMA,
  })
  @ApiErrors(404)
  async list(
    @Tenant() tenant: string,
    @Param('name') name: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<DocumentPage> {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      throw new ApiError(400, 'validation_failed', 'limit must be an integer from 1 to 1000');
    }
    // The cursor is the last document's id (a UUID); Weaviate fails on anything else.
    if (cursor !== undefined && !UUID.test(cursor))
      throw new ApiError(400, 'validation_failed', 'cursor is not one this API returned');
    return this.store.listDocuments(tenant, name, { cursor, limit: n });
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one document (by `source`) and all its chunks' })
  @ApiQuery({ name: 'source', required: true, type: String })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async remove(
    @Tenant() tenant: string,
    @Param('name') name: string,
    @Query('source') source?: string,
  ): Promise<void> {
    if (!source)
      throw new ApiError(400, 'validation_failed', 'source (query parameter) is required');
    if (!(await this.store.deleteDocument(tenant, name, source))) {
      throw new ApiError(404, 'not_found', `No document ${source} in ${name}`);
    }
  }

  private async fromMultipart(
    req: Request,
    res: Response,
    jobId: string,
  ): Promise<{ files: StagedFile[]; remove: string[] }> {
    const { files, refused, fields } = await readMultipart(
      req,
      res,
      this.staging,
      jobId,
      {
        maxFileBytes: this.config.limits.maxUploadBytes,
        maxRequestBytes: this.config.ingest.maxRequestBytes,
      },
      (part) => isSupported(part.source, part.contentType),
    );
    this.ingestion.checkTypes(refused);
    const badName = [...files, ...refused].map((f) => sourceProblem(f.source)).find(Boolean);
    if (badName) throw new ApiError(400, 'validation_failed', badName);
    let remove: unknown;
    try {
      remove = fields.remove ? JSON.parse(fields.remove) : [];
    } catch {
      // Not JSON: reported below.
    }
    if (!Array.isArray(remove) || !remove.every((s) => typeof s === 'string')) {
      throw new ApiError(
        400,
        'validation_failed',
        'remove must be a JSON array of document sources',
      );
    }
    return { files, remove: remove };
  }

  private async fromJson(
    req: Request,
    jobId: string,
  ): Promise<{ files: StagedFile[]; remove: string[] }> {
    const dto = (await validation.transform(req.body, {
      type: 'body',
      metatype: AddDocumentsDto,
    })) as AddDocumentsDto;
    const encoder = new TextEncoder();
    const files: IncomingFile[] = plainToInstance(AddDocumentsDto, dto).documents.map((d) => ({
      source: d.source,
      bytes: encoder.encode(d.text),
      contentType: d.source.includes('.') ? undefined : 'text/plain',
      metadata: d.metadata,
    }));
    this.ingestion.checkTypes(files);
    return { files: await this.staging.stage(jobId, files), remove: [] };
  }
}

@ApiTags('knowledge bases')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller('v1/ingestions')
export class IngestionsController {
  constructor(private readonly ingestion: IngestionService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Progress of an ingestion job' })
  @ApiOkResponse({
    description: 'Files done, chunks indexed, failures',
    schema: INGEST_PROGRESS_SCHEMA,
  })
  @ApiErrors(404)
  progress(@Tenant() tenant: string, @Param('id') id: string) {
    return this.ingestion.progress(tenant, id);
  }
}
