import {
  DefaultLogger,
  Runtime,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleQuarryWorkflows } from '../../src/temporal/workflow-bundle';
import { tracingSinks } from '../../src/tracing/temporal-tracing';

const dir = join(__dirname, '..', 'fixtures', 'histories');

interface RecordedHistory {
  events: { startChildWorkflowExecutionInitiatedEventAttributes?: { workflowId?: string } }[];
}

/**
 * The id the history ran under, where the code depends on it: a research workflow names its
 * children `<id>-q<i>`, so replaying under another id would start differently named children.
 */
function recordedWorkflowId(history: RecordedHistory, file: string): string {
  for (const e of history.events) {
    const child = e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
    if (child) return child.replace(/-q\d+$/, '');
  }
  return file;
}
const histories = readdirSync(dir).filter((f) => f.endsWith('.json'));

/**
 * Histories recorded from real runs (ask answered, ask that rewrote twice, an ingestion, research
 * runs), replayed against today's workflow code: a change that breaks determinism fails here, not
 * in production. `-v1` research histories were recorded with the workflow code from before the
 * `patched()` markers (continue-as-new without a failure webhook, plan approval that times out),
 * so they prove that runs started by older workers still replay; `-v2` ones were recorded with the
 * markers and keep the new branches deterministic. `ask-clarified` and `research-approved-continued`
 * (every run of the chain) are written by test/integration/task-replies-recorded.spec.ts with
 * QUARRY_RECORD_HISTORIES=<suffix>: their `-v2` copies carry replies as the `input` signal (main's
 * code before the workflow contract), `-v3` ones as the `input` update that replaced it, `-v4`
 * ones light steps as local activities (opt-in then), `-v5` ones local steps by default with the
 * first step local too (the `agentStepMode` marker).
 */
describe('workflow replay of recorded histories', () => {
  let bundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // installed already
    }
    // With the tracing interceptors, as workers run it: tracing must not change what replays.
    bundle = await bundleQuarryWorkflows();
  }, 120_000);

  it('has recordings to replay', () => {
    expect(histories).toEqual(
      expect.arrayContaining([
        'ask-answered.json',
        'ask-abstained.json',
        'ingest.json',
        'research-continued-as-new-v1.json',
        'research-plan-approved-v1.json',
        'research-continued-as-new-v2.json',
        'research-plan-timed-out-v2.json',
        'ask-clarified-v2.json',
        'research-approved-continued-run1-v2.json',
        'research-approved-continued-run2-v2.json',
        'research-approved-continued-run3-v2.json',
        'ask-clarified-v3.json',
        'research-approved-continued-run1-v3.json',
        'research-approved-continued-run2-v3.json',
        'research-approved-continued-run3-v3.json',
        'ask-clarified-v5.json',
        'research-approved-continued-run1-v5.json',
        'research-approved-continued-run2-v5.json',
        'research-approved-continued-run3-v5.json',
      ]),
    );
  });

  it.each(histories)('replays %s without nondeterminism', async (file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RecordedHistory;
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: bundle, sinks: tracingSinks() },
        history,
        recordedWorkflowId(history, file),
      ),
    ).resolves.toBeUndefined();
  });
});
