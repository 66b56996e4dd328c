import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiError } from '../../api/api-error';
import { Tenant } from '../../api/auth/tenant.decorator';
import { ApiErrors, ApiStandardErrors } from '../../api/openapi/error-responses';
import { KnowledgeService, type SearchResponse } from '../knowledge.service';
import type { KnowledgeBase, KnowledgeBaseDescription } from '../store';
import { COLLECTION_NAME, CreateCollectionDto, SearchDto } from './collection.dto';
import {
  KNOWLEDGE_BASE_DESCRIPTION_SCHEMA,
  KNOWLEDGE_BASE_LIST_SCHEMA,
  KNOWLEDGE_BASE_SCHEMA,
  SEARCH_RESPONSE_SCHEMA,
} from './knowledge-responses';

/** The `:name` path parameter, with the rule names follow. */
export const ApiCollectionName = () =>
  ApiParam({
    name: 'name',
    description: 'Knowledge base name',
    schema: { type: 'string', pattern: COLLECTION_NAME.source },
  });

@ApiTags('knowledge bases')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller('v1/collections')
export class CollectionsController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Post()
  @ApiOperation({ summary: 'Create a knowledge base' })
  @ApiCreatedResponse({ description: 'The new knowledge base', schema: KNOWLEDGE_BASE_SCHEMA })
  @ApiErrors(409)
  create(@Tenant() tenant: string, @Body() body: CreateCollectionDto): Promise<KnowledgeBase> {
    return this.knowledge.create(tenant, body);
  }

  @Get()
  @ApiOperation({ summary: 'List knowledge bases' })
  @ApiOkResponse({ schema: KNOWLEDGE_BASE_LIST_SCHEMA })
  async list(@Tenant() tenant: string): Promise<{ collections: KnowledgeBase[] }> {
    return { collections: await this.knowledge.list(tenant) };
  }

  @Get(':name')
  @ApiOperation({
    summary: 'Describe a knowledge base: documents, chunks, size, embedding model, last sync',
  })
  @ApiCollectionName()
  @ApiOkResponse({
    description: 'The knowledge base and its statistics',
    schema: KNOWLEDGE_BASE_DESCRIPTION_SCHEMA,
  })
  @ApiErrors(404)
  describe(
    @Tenant() tenant: string,
    @Param('name') name: string,
  ): Promise<KnowledgeBaseDescription> {
    return this.knowledge.describe(tenant, name);
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a knowledge base with all its documents and chunks' })
  @ApiCollectionName()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  async remove(@Tenant() tenant: string, @Param('name') name: string): Promise<void> {
    if (!(await this.knowledge.remove(tenant, name))) {
      throw new ApiError(404, 'not_found', `knowledge base "${name}" does not exist`);
    }
  }

  @Post(':name/search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retrieval test: hybrid, keyword or vector search with scores' })
  @ApiCollectionName()
  @ApiOkResponse({
    description: 'The hits, best first, with scores and timings',
    schema: SEARCH_RESPONSE_SCHEMA,
  })
  @ApiErrors(404)
  search(
    @Tenant() tenant: string,
    @Param('name') name: string,
    @Body() body: SearchDto,
  ): Promise<SearchResponse> {
    return this.knowledge.search(tenant, name, body);
  }
}
