import { createInterface } from 'node:readline/promises';
import type { QuarryClient } from './client/quarry-client';

export interface AskOptions {
  collection: string;
  research?: boolean;
  follow?: boolean;
  approvePlan?: boolean;
  json?: boolean;
}

interface Citation {
  n: number;
  source: string;
  page: number | null;
  quote: string;
}

interface Task {
  id: string;
  status: string;
  waitingFor: { ask: string; plan?: string[] } | null;
  result: { answer?: string; report?: string; citations: Citation[]; abstained: boolean } | null;
  error: string | null;
  usage: { modelCalls: number; inputTokens: number; outputTokens: number; wallMs: number } | null;
}

const ENDED = ['completed', 'failed', 'cancelled'];

/** `quarry ask`: starts a task, shows its progress, prints the answer with its sources. */
export async function askCommand(
  question: string,
  options: AskOptions,
  client: QuarryClient,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let task = await client.request<Task>('POST', '/v1/tasks', {
    question,
    collection: options.collection,
    mode: options.research ? 'research' : 'answer',
    options: options.research && options.approvePlan ? { approvePlan: true } : {},
  });
  if (!options.json) err.write(`task ${task.id}\n`);
  if (options.follow) {
    let draft = '';
    for await (const event of client.events(`/v1/tasks/${encodeURIComponent(task.id)}/events`)) {
      if (event.event === 'token') {
        // The answer as it is written; a new draft (a regeneration) starts on a fresh line.
        const token = event.data as { draft: string; text: string };
        if (!options.json) {
          if (token.draft !== draft) err.write(draft ? '\n  … ' : '  … ');
          err.write(token.text);
        }
        draft = token.draft;
        continue;
      }
      if (draft && !options.json) {
        err.write('\n');
        draft = '';
      }
      if (event.event === 'step') {
        const step = event.data as { node: string; ms: number };
        if (!options.json) err.write(`  ${step.node.padEnd(16)} ${step.ms} ms\n`);
      } else if (event.event === 'status') {
        const status = event.data as { status: string; waitingFor: Task['waitingFor'] };
        if (status.status === 'waiting_for_input' && status.waitingFor)
          await answerPrompt(client, task.id, status.waitingFor, err);
      } else if (ENDED.includes(event.event)) {
        task = event.data as Task;
      }
    }
  }
  while (!ENDED.includes(task.status)) {
    await new Promise((r) => setTimeout(r, 300));
    task = await client.request<Task>('GET', `/v1/tasks/${encodeURIComponent(task.id)}`);
  }
  if (options.json) {
    out.write(`${JSON.stringify(task, null, 2)}\n`);
  } else if (task.result) {
    out.write(`${(task.result.report ?? task.result.answer ?? '').trim()}\n`);
    if (task.result.citations.length) out.write('\nSources:\n');
    for (const c of task.result.citations) {
      const where = c.page === null ? c.source : `${c.source} p.${c.page}`;
      out.write(`  [${c.n}] ${where}: "${c.quote.slice(0, 160)}"\n`);
    }
    if (task.usage)
      err.write(
        `\n${task.usage.modelCalls} model calls, ${task.usage.inputTokens + task.usage.outputTokens} tokens, ${(task.usage.wallMs / 1000).toFixed(1)} s\n`,
      );
  } else {
    err.write(`task ${task.status}: ${task.error ?? ''}\n`);
  }
  return task.status === 'completed' ? 0 : 1;
}

/** Asks the person at the terminal; without one, the task waits for POST /v1/tasks/:id/input. */
async function answerPrompt(
  client: QuarryClient,
  id: string,
  waitingFor: NonNullable<Task['waitingFor']>,
  err: NodeJS.WritableStream,
): Promise<void> {
  err.write(`\n${waitingFor.ask}\n`);
  if (waitingFor.plan) waitingFor.plan.forEach((q, i) => err.write(`  ${i + 1}. ${q}\n`));
  if (!process.stdin.isTTY) {
    err.write(`(no terminal: answer with POST /v1/tasks/${id}/input)\n`);
    return;
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const reply = (await rl.question(waitingFor.plan ? 'approve? [Y/n] ' : '> ')).trim();
  rl.close();
  const body = waitingFor.plan ? { approve: !/^n/i.test(reply) } : { text: reply };
  await client.request('POST', `/v1/tasks/${encodeURIComponent(id)}/input`, body);
}
