import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKFLOWS_PATH } from '../../src/temporal/temporal-worker.service';

const dir = join(__dirname, '..', 'fixtures', 'histories');
const histories = readdirSync(dir).filter((f) => f.endsWith('.json'));

/**
 * Histories recorded from real runs (ask answered, ask that rewrote twice, an ingestion), replayed
 * against today's workflow code: a change that breaks determinism fails here, not in production.
 */
describe('workflow replay of recorded histories', () => {
  let bundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // installed already
    }
    bundle = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: new DefaultLogger('WARN'),
    });
  }, 120_000);

  it('has recordings to replay', () => {
    expect(histories).toEqual(
      expect.arrayContaining(['ask-answered.json', 'ask-abstained.json', 'ingest.json']),
    );
  });

  it.each(histories)('replays %s without nondeterminism', async (file) => {
    const history: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle }, history, file),
    ).resolves.toBeUndefined();
  });
});
