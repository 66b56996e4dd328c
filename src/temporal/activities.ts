import type { WeaviateClient } from 'weaviate-client';
import type { ModelRole } from '../config/config';
import type { ChatModelFactory } from '../models/chat';
import { createAgentActivities, createAgentStepModeActivity } from '../agent/agent.activities';
import { createDiagnosticsActivities } from '../diagnostics/diagnostics.activities';
import type { EmbedderRegistry } from '../knowledge/embedder-registry';
import { createIngestActivities } from '../knowledge/ingest/ingest.activities';
import type { Staging } from '../knowledge/ingest/staging';
import type { PdfLimits } from '../knowledge/loaders/pdf-worker-run';
import type { KnowledgeService } from '../knowledge/knowledge.service';
import type { KnowledgeStore } from '../knowledge/store';
import { createResearchActivities } from '../research/research.activities';
import { createScheduledRunActivities } from '../schedules/scheduled-run.activities';
import type { TokenChannel } from '../streaming/token-channel';
import type { WebhookAllowList } from '../webhooks/allow-list';
import { createWebhookActivities } from '../webhooks/webhook.activities';

export interface ActivityDeps {
  weaviate: () => Promise<WeaviateClient>;
  store: KnowledgeStore;
  embedders: EmbedderRegistry;
  staging: Staging;
  /** QUARRY_PDF_TIMEOUT_SECONDS, QUARRY_PDF_MAX_MEMORY_MB. */
  pdfLimits: PdfLimits;
  knowledge: KnowledgeService;
  chatModels: ChatModelFactory;
  modelRoles: Record<ModelRole, string>;
  tokens?: TokenChannel;
  localSteps?: boolean;
  modelStepTimeoutMs?: number;
  webhookSecret?: string;
  webhookAllowHosts?: WebhookAllowList;
}

/** Every activity the worker serves, built from injected dependencies (no globals). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDiagnosticsActivities(deps),
    ...createIngestActivities(deps),
    ...createAgentActivities(deps),
    ...createAgentStepModeActivity(deps),
    ...createWebhookActivities(deps),
    ...createResearchActivities(deps),
    ...createScheduledRunActivities(),
  };
}

export type QuarryActivities = ReturnType<typeof createActivities>;
