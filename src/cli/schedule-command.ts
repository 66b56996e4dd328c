import type { Command } from 'commander';
import type { QuarryClient } from './client/quarry-client';

interface Schedule {
  id: string;
  task: { question: string; collection: string; mode?: string };
  cron: string | null;
  every: string | null;
  timezone: string;
  paused: boolean;
  note: string | null;
  nextRuns: string[];
  recentRuns: { taskId: string; startedAt: string }[];
  runCount: number;
}

interface CreateOptions {
  collection: string;
  cron?: string;
  every?: string;
  timezone?: string;
  research?: boolean;
  paused?: boolean;
  overlap?: string;
  note?: string;
  idempotencyKey?: string;
  json?: boolean;
}

const timing = (s: Schedule) =>
  `${s.cron !== null ? `cron "${s.cron}"` : `every ${s.every}`} (${s.timezone})`;

/** One schedule in a few lines: what it asks, when it runs, what it last did. */
function describe(s: Schedule): string {
  const state = s.paused ? `paused${s.note ? ` (${s.note})` : ''}` : 'active';
  const lines = [
    `${s.id}  ${state}  ${timing(s)}`,
    `  ${s.task.mode ?? 'answer'} on ${s.task.collection}: ${s.task.question}`,
    `  next run: ${s.nextRuns[0] ?? '—'}   runs so far: ${s.runCount}`,
  ];
  if (s.recentRuns[0])
    lines.push(`  last run: ${s.recentRuns[0].taskId} at ${s.recentRuns[0].startedAt}`);
  return `${lines.join('\n')}\n`;
}

const path = (id: string, action = '') => `/v1/schedules/${encodeURIComponent(id)}${action}`;

/** `quarry schedule create|list|pause|resume|trigger|delete`, against a running Quarry. */
export function registerScheduleCommands(program: Command, client: () => QuarryClient): void {
  const schedule = program
    .command('schedule')
    .description('Run a task on a schedule (Temporal Schedules) on a running Quarry');
  const out = (text: string) => process.stdout.write(text);

  schedule
    .command('create')
    .description('Create a schedule whose runs ask (or research) a question')
    .argument('<question>', 'the question each run asks')
    .requiredOption('-c, --collection <name>', 'knowledge base name')
    .option('--cron <expression>', 'cron expression, e.g. "0 9 * * MON"')
    .option('--every <interval>', 'fixed interval: 30s, 15m, 6h, 1d')
    .option('--timezone <zone>', 'IANA time zone for cron (default UTC)')
    .option('--research', 'research mode: each run writes a report, marking what is new')
    .option('--paused', 'create it paused')
    .option(
      '--overlap <policy>',
      'skip, buffer_one, buffer_all, cancel_other, terminate_other, allow_all',
    )
    .option('--note <text>', 'a note kept with the schedule')
    .option('--idempotency-key <key>', 'the same key returns the same schedule')
    .option('--json', 'print the schedule as JSON')
    .action(async (question: string, o: CreateOptions) => {
      const body = {
        task: { question, collection: o.collection, mode: o.research ? 'research' : 'answer' },
        ...(o.cron !== undefined ? { cron: o.cron } : {}),
        ...(o.every !== undefined ? { every: o.every } : {}),
        ...(o.timezone !== undefined ? { timezone: o.timezone } : {}),
        ...(o.paused ? { paused: true } : {}),
        ...(o.overlap !== undefined ? { overlap: o.overlap } : {}),
        ...(o.note !== undefined ? { note: o.note } : {}),
      };
      const created = await client().request<Schedule>('POST', '/v1/schedules', body, {
        ...(o.idempotencyKey ? { 'idempotency-key': o.idempotencyKey } : {}),
      });
      out(o.json ? `${JSON.stringify(created, null, 2)}\n` : describe(created));
    });

  schedule
    .command('list')
    .description('List schedules with their next and last runs')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }) => {
      const all: Schedule[] = [];
      let cursor: string | null = null;
      do {
        const page: { schedules: Schedule[]; nextCursor: string | null } = await client().request(
          'GET',
          `/v1/schedules?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        );
        all.push(...page.schedules);
        cursor = page.nextCursor;
      } while (cursor);
      if (o.json) out(`${JSON.stringify(all, null, 2)}\n`);
      else out(all.length ? all.map(describe).join('\n') : 'No schedules.\n');
    });

  for (const [name, action, summary] of [
    ['pause', '/pause', 'Pause a schedule'],
    ['resume', '/resume', 'Resume a paused schedule'],
  ] as const) {
    schedule
      .command(name)
      .description(summary)
      .argument('<id>', 'schedule id')
      .option('--note <text>', 'why')
      .action(async (id: string, o: { note?: string }) => {
        const s = await client().request<Schedule>(
          'POST',
          path(id, action),
          o.note ? { note: o.note } : {},
        );
        out(describe(s));
      });
  }

  schedule
    .command('trigger')
    .description('Start a run now (even while paused); prints its task id')
    .argument('<id>', 'schedule id')
    .action(async (id: string) => {
      const res = await client().request<{ taskId: string | null }>('POST', path(id, '/trigger'));
      out(`${res.taskId ?? 'triggered (the run has not been reported yet)'}\n`);
    });

  schedule
    .command('delete')
    .description('Delete a schedule (runs already started finish as ordinary tasks)')
    .argument('<id>', 'schedule id')
    .action(async (id: string) => {
      await client().request('DELETE', path(id));
      out(`deleted ${id}\n`);
    });
}
