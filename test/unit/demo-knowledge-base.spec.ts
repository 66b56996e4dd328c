import { loadConfig } from '../../src/config/config';
import {
  DEMO_KNOWLEDGE_BASE,
  handbookDir,
  handbookFiles,
  seedDemoKnowledgeBase,
  type DemoSeedDeps,
} from '../../src/cli/demo-knowledge-base';
import type { IngestProgress } from '../../src/knowledge/ingest/ingest.types';
import { KnowledgeBaseExistsError } from '../../src/knowledge/store';

function progress(state: IngestProgress['state']): IngestProgress {
  return {
    jobId: 'ingest-1',
    collection: DEMO_KNOWLEDGE_BASE,
    state,
    totalFiles: 2,
    doneFiles: state === 'running' ? 1 : 2,
    indexed: 2,
    unchanged: 0,
    failed: 0,
    removed: 0,
    pages: 2,
    chunks: 9,
    parseMs: 1,
    embedMs: 1,
    indexMs: 1,
    failures: [],
  };
}

function fakes(exists: boolean) {
  const calls: string[] = [];
  const lines: string[] = [];
  const states: IngestProgress['state'][] = ['running', 'running', 'completed'];
  const deps: DemoSeedDeps = {
    knowledge: {
      create: (tenant, input) => {
        calls.push(`create ${tenant} ${input.name}`);
        if (exists) return Promise.reject(new KnowledgeBaseExistsError(input.name));
        return Promise.resolve({} as never);
      },
    },
    ingestion: {
      start: (tenant, collection, files) => {
        calls.push(`start ${tenant} ${collection} ${files.map((f) => f.source).join(',')}`);
        return Promise.resolve({ jobId: 'ingest-1', status: 'running', files: files.length });
      },
      progress: () => Promise.resolve(progress(states.shift() ?? 'completed')),
    },
    log: (line) => lines.push(line),
    pollMs: 1,
  };
  return { deps, calls, lines };
}

const files = [
  { source: 'a.md', bytes: Buffer.from('# A') },
  { source: 'b.md', bytes: Buffer.from('# B') },
];

describe('the demo knowledge base (quarry-docs)', () => {
  it('creates quarry-docs, ingests the handbook through the ingestion service and waits for it', async () => {
    const { deps, calls, lines } = fakes(false);
    const outcome = await seedDemoKnowledgeBase('local', files, deps);
    expect(calls).toEqual(['create local quarry-docs', 'start local quarry-docs a.md,b.md']);
    expect(outcome).toMatchObject({ state: 'completed', indexed: 2, chunks: 9 });
    expect(lines).toEqual([expect.stringContaining('ingesting 2 handbook files (job ingest-1)')]);
  });

  it('leaves an existing quarry-docs alone', async () => {
    const { deps, calls } = fakes(true);
    expect(await seedDemoKnowledgeBase('local', files, deps)).toBe('exists');
    expect(calls).toEqual(['create local quarry-docs']);
  });

  it('finds the handbook in the repository: Markdown files in Chinese and English', async () => {
    const handbook = await handbookFiles(handbookDir());
    expect(handbook.length).toBeGreaterThanOrEqual(8);
    expect(handbook.every((f) => f.source.endsWith('.md'))).toBe(true);
    const texts = handbook.map((f) => Buffer.from(f.bytes).toString('utf8'));
    expect(texts.some((t) => /\p{Script=Han}{20}/u.test(t))).toBe(true);
    expect(texts.some((t) => !/\p{Script=Han}/u.test(t))).toBe(true);
  });

  it('is on by default and QUARRY_DEMO_KB=false turns it off', () => {
    expect(loadConfig({}).demoKnowledgeBase).toBe(true);
    expect(loadConfig({ QUARRY_DEMO_KB: 'false' }).demoKnowledgeBase).toBe(false);
  });
});
