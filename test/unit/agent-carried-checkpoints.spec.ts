import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cachedChunkTexts,
  compileForSteps,
  lightenValues,
  offlineReasoning,
  settingsForTask,
  type AgentStateValue,
} from '../../src/agent';
import type { AskInput } from '../../workflows/contract';
import type { CarriedCheckpoint } from '../../src/agent/checkpoint';
import { runOneStep } from '../../src/agent/step-runner';
import { PROMPT_ZH, RAG_ZH, scriptedRetriever, WEATHER_ZH } from './agent-fixtures';

/** A checkpoint a workflow held when it was recorded, with how that run went on and ended. */
interface RecordedRun {
  input: AskInput;
  retrieverRounds: string[][];
  reply?: string;
  afterStep: { checkpoint: CarriedCheckpoint; next: string[]; ran: string[]; waiting?: unknown };
  path: string[];
  final: unknown;
}

const CHUNKS = new Map([RAG_ZH, PROMPT_ZH, WEATHER_ZH].map((c) => [c.id, c]));

function recorded(name: string): RecordedRun {
  const file = join(__dirname, '..', 'fixtures', 'checkpoints', `${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as RecordedRun;
}

/** Goes on from the recorded checkpoint with today's agent, step by step as the workflow would. */
async function finish(run: RecordedRun) {
  const done = run.afterStep.ran.filter((n) => n === 'retrieve').length;
  const rounds = run.retrieverRounds.slice(done).map((ids) => ids.map((id) => CHUNKS.get(id)!));
  // Today's steps carry chunk ids only and read the texts back (uncached, as on another worker);
  // the recorded checkpoint still holds its texts.
  const texts = cachedChunkTexts(
    (ids) =>
      Promise.resolve(
        new Map(ids.map((id) => [id, { text: CHUNKS.get(id)!.text, headingPath: [] }])),
      ),
    { capacity: 1, ttlMs: -1 },
  );
  const compile = compileForSteps(
    { retrieve: scriptedRetriever(rounds), reasoning: offlineReasoning(), texts },
    settingsForTask(run.input),
  );
  let carried: CarriedCheckpoint | null = run.afterStep.checkpoint;
  let next = run.afterStep.next;
  let resume = run.afterStep.waiting ? run.reply : undefined;
  const ran = [...run.afterStep.ran];
  let state: AgentStateValue | undefined;
  while (next.length) {
    const step: Awaited<ReturnType<typeof runOneStep<AgentStateValue>>> = await runOneStep(
      compile,
      carried,
      null,
      next[0],
      resume,
      lightenValues,
    );
    resume = step.interrupt ? run.reply : undefined;
    ran.push(step.node);
    ({ next, state } = step);
    carried = step.checkpoint;
  }
  return { ran, final: state?.final };
}

/** What must not change for a carried task: its path, its attempts, what it cites. */
function sameOutcome(final: unknown, recordedFinal: unknown) {
  const shape = (f: unknown) => {
    const r = f as { abstained: boolean; attemptsUsed: unknown; citations: { chunkId: string }[] };
    return {
      abstained: r.abstained,
      attemptsUsed: r.attemptsUsed,
      cited: r.citations.map((c) => c.chunkId),
    };
  };
  expect(shape(final)).toEqual(shape(recordedFinal));
}

/**
 * Checkpoints carried by tasks started before the agent was reorganised by node (their state
 * still holds the run's settings and step records): such a task finishes on today's agent with
 * the path it would have had, citing the same chunks (the sentences quoted are today's engine's).
 */
describe('checkpoints carried from the agent before', () => {
  it('go on from the middle of the self-correction loop', async () => {
    const run = recorded('ask-mid-loop');
    expect(run.afterStep.next).toEqual(['rewrite']);
    const { ran, final } = await finish(run);
    expect(ran).toEqual(run.path);
    sameOutcome(final, run.final);
  });

  it('resume a task that was waiting for the answer to a clarifying question', async () => {
    const run = recorded('ask-waiting-for-clarify');
    expect(run.afterStep.waiting).toMatchObject({ ask: expect.stringContaining('知识库 kb') });
    const { ran, final } = await finish(run);
    expect(ran).toEqual(run.path);
    sameOutcome(final, run.final);
    expect((final as { answer: string }).answer).toContain('[1]');
  });
});
