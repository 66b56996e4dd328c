import { Global, Module } from '@nestjs/common';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { ModelsService } from '../models/models.service';
import { CollectionsController } from './api/collections.controller';
import { DocumentsController, IngestionsController } from './api/documents.controller';
import { EmbedderRegistry } from './embedder-registry';
import { Staging } from './ingest/staging';
import { createStaging } from './ingest/staging-store';
import { StagingSweeper } from './ingest/staging-sweeper';
import { IngestionService } from './ingestion.service';
import { KnowledgeService } from './knowledge.service';
import { KnowledgeStore } from './store';
import { WeaviateService } from './weaviate.service';

@Global()
@Module({
  controllers: [CollectionsController, DocumentsController, IngestionsController],
  providers: [
    WeaviateService,
    {
      // One store over the process's Weaviate client, injected as is.
      provide: KnowledgeStore,
      inject: [WeaviateService],
      useFactory: async (weaviate: WeaviateService) => new KnowledgeStore(await weaviate.client()),
    },
    KnowledgeService,
    IngestionService,
    StagingSweeper,
    {
      provide: EmbedderRegistry,
      inject: [QUARRY_CONFIG, ModelsService],
      useFactory: (config: QuarryConfig, models: ModelsService) =>
        new EmbedderRegistry(config.embedding, models.assets.embeddingModelDir),
    },
    {
      provide: Staging,
      inject: [QUARRY_CONFIG],
      // A folder API and workers share, or PostgreSQL that every worker host reaches.
      useFactory: (config: QuarryConfig) => createStaging(config),
    },
  ],
  exports: [WeaviateService, KnowledgeStore, KnowledgeService, EmbedderRegistry, Staging],
})
export class KnowledgeModule {}
