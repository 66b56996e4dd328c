import type { INestApplication } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCAL_TENANT } from '../api/auth/api-key.guard';
import type { QuarryConfig } from '../config/config';
import type { IngestProgress } from '../knowledge/ingest/ingest.types';
import { IngestionService } from '../knowledge/ingestion.service';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { KnowledgeBaseExistsError } from '../knowledge/store';
import type { IncomingFile } from '../knowledge/types';

/** The knowledge base a first `quarry start` fills with Quarry's own handbook. */
export const DEMO_KNOWLEDGE_BASE = 'quarry-docs';

/** `kb/quarry-handbook/` at the package root, from src/ (tests) or dist/src/ (a build). */
export function handbookDir(): string {
  const candidates = [
    join(__dirname, '..', '..', 'kb', 'quarry-handbook'),
    join(__dirname, '..', '..', '..', 'kb', 'quarry-handbook'),
  ];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

/** The handbook's Markdown files as ingestion input, in a stable order. */
export async function handbookFiles(dir: string): Promise<IncomingFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  return Promise.all(
    names.map(async (source) => ({ source, bytes: await readFile(join(dir, source)) })),
  );
}

export interface DemoSeedDeps {
  knowledge: Pick<KnowledgeService, 'create'>;
  ingestion: Pick<IngestionService, 'start' | 'progress'>;
  log: (line: string) => void;
  /** Between two looks at the ingestion's progress. */
  pollMs?: number;
}

/**
 * Creates `quarry-docs` for one tenant and ingests the handbook into it through the normal
 * ingestion workflow. A knowledge base of that name that exists already is left as it is (the
 * user may have changed or emptied it): creation is the check, so two starts cannot both fill it.
 */
export async function seedDemoKnowledgeBase(
  tenant: string,
  files: IncomingFile[],
  deps: DemoSeedDeps,
): Promise<IngestProgress | 'exists'> {
  try {
    await deps.knowledge.create(tenant, {
      name: DEMO_KNOWLEDGE_BASE,
      description: "Quarry's handbook, ingested by the first `quarry start` (QUARRY_DEMO_KB)",
    });
  } catch (err) {
    if (err instanceof KnowledgeBaseExistsError) return 'exists';
    throw err;
  }
  const { jobId } = await deps.ingestion.start(tenant, DEMO_KNOWLEDGE_BASE, files);
  deps.log(
    `demo knowledge base ${DEMO_KNOWLEDGE_BASE}: ingesting ${files.length} handbook files (job ${jobId}); QUARRY_DEMO_KB=false turns this off`,
  );
  for (;;) {
    const progress = await deps.ingestion.progress(tenant, jobId);
    if (progress.state !== 'running') return progress;
    await new Promise((r) => setTimeout(r, deps.pollMs ?? 1000));
  }
}

/**
 * `quarry start`'s demo knowledge base, in the background: the API is already listening, and a
 * failure is logged, never fatal. One per tenant the start serves.
 */
export function startDemoKnowledgeBase(
  app: INestApplication,
  config: QuarryConfig,
  log: (line: string) => void,
): void {
  if (!config.demoKnowledgeBase) return;
  const tenants = config.http.localMode ? [LOCAL_TENANT] : config.auth.tenants.map((t) => t.tenant);
  const deps: DemoSeedDeps = {
    knowledge: app.get(KnowledgeService),
    ingestion: app.get(IngestionService),
    log,
  };
  void (async () => {
    const files = await handbookFiles(handbookDir());
    for (const tenant of tenants) {
      const outcome = await seedDemoKnowledgeBase(tenant, files, deps);
      if (outcome === 'exists') continue;
      const who = config.http.localMode ? '' : ` for tenant ${tenant}`;
      log(
        outcome.state === 'completed'
          ? `demo knowledge base ${DEMO_KNOWLEDGE_BASE}${who} ready: ${outcome.indexed} documents, ${outcome.chunks} chunks (try: npx quarry ask "什么是 Quarry？" -c ${DEMO_KNOWLEDGE_BASE})`
          : `demo knowledge base ${DEMO_KNOWLEDGE_BASE}${who}: ingestion ${outcome.state}, ${outcome.failed} files failed`,
      );
    }
  })().catch((err: unknown) =>
    log(`demo knowledge base ${DEMO_KNOWLEDGE_BASE}: not created: ${(err as Error).message}`),
  );
}
