import { cpus, loadavg, totalmem } from 'node:os';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { QuarryConfig } from '../config/config';
import { EmbedderRegistry } from '../knowledge/embedder-registry';
import { parseQaJsonl } from '../eval/qa-items';
import { autocannonCli, benchApi, type ApiLoadFigures } from './api-bench';
import { api, startBenchContext } from './bench-context';
import { withCpuSplit, type CpuSplit } from './cpu-split';
import { benchFirstToken, type FirstTokenRun } from './first-token-bench';
import { benchIngest, type IngestFigures } from './ingest-bench';
import { benchOrchestration, type OrchestrationFigures } from './orchestration-bench';
import { benchProductionTasks, type ProductionTaskFigures } from './production-bench';
import { benchSearch, type SearchFigures } from './search-bench';
import { benchTasks, type TaskLoadFigures } from './tasks-bench';
import { renderTables } from './report';

export const SECTIONS = ['ingest', 'orchestration', 'tasks', 'search', 'api', 'tokens'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick?: boolean;
  json?: string;
  corpus?: string;
  only?: string;
  /** `production`: the tasks section on the dev stack, then on the production topology. */
  stack?: string;
}

export interface BenchReport {
  machine: {
    cpus: number;
    cpu_model: string;
    memory_gib: number;
    node: string;
    date: string;
    /** 1, 5 and 15-minute load averages when the bench started and ended: a shared machine's noise. */
    load_start: number[];
    load_end?: number[];
  };
  quick: boolean;
  duration_s: number;
  ingest?: { pdf: IngestFigures; markdown: IngestFigures };
  orchestration?: OrchestrationFigures;
  tasks?: (TaskLoadFigures & CpuSplit)[];
  search?: SearchFigures[];
  api?: { health: ApiLoadFigures; task: ApiLoadFigures };
  tasks_production?: ProductionTaskFigures[];
  /** `--only tokens`: the GGUF generator's first streamed token beside its full answer. */
  first_token?: FirstTokenRun[];
}

const PLAN = {
  quick: {
    questions: 5,
    tasks: [
      [1, 3],
      [10, 10],
      [50, 50],
    ],
    sizes: [10_000],
    queries: 50,
    apiS: 5,
    base: 150,
  },
  full: {
    questions: 20,
    tasks: [
      [1, 20],
      [10, 100],
      [50, 200],
    ],
    sizes: [10_000, 100_000],
    queries: 200,
    apiS: 15,
    base: 400,
  },
} as const;

/** Passages of the markdown notes, for the search bench's synthetic corpus. */
function passages(corpus: string, n: number): string[] {
  const dir = join(corpus, 'llm-universe', 'prompt_engineering');
  const out: string[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.md'))
    .sort()) {
    for (const p of readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/)) {
      if (p.trim().length >= 60) out.push(p.trim().slice(0, 600));
    }
  }
  return out.slice(0, n);
}

/** `quarry bench`: every measurement side by side in one run on its own stack. */
export async function benchCommand(
  base: QuarryConfig,
  options: BenchOptions,
): Promise<BenchReport> {
  const plan = options.quick ? PLAN.quick : PLAN.full;
  if (options.stack && options.stack !== 'dev' && options.stack !== 'production')
    throw new Error('--stack must be dev or production');
  const production = options.stack === 'production';
  const only = new Set(
    (production ? 'tasks' : (options.only ?? SECTIONS.join(','))).split(',') as Section[],
  );
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s}`);
  if (only.has('api')) autocannonCli();
  const corpus = resolve(options.corpus ?? join('..', 'shared', 'corpus'));
  const say = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const started = performance.now();
  const report: BenchReport = {
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model ?? 'unknown',
      memory_gib: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      date: new Date().toISOString(),
      load_start: loadavg().map((x) => Math.round(x * 100) / 100),
    },
    quick: Boolean(options.quick),
    duration_s: 0,
  };
  if (only.has('tokens')) {
    // No stack needed: the model runs in this process's worker thread.
    const runs = options.quick ? 3 : 5;
    say(`tokens: the GGUF generator, ${runs} runs`);
    report.first_token = await benchFirstToken(base, runs, say);
    only.delete('tokens');
  }
  if (only.size === 0) return finish(report, started, options);
  const ctx = await startBenchContext(base, say);
  try {
    const qa = parseQaJsonl(readFileSync(join(corpus, 'pumpkin_book_qa.jsonl'), 'utf8'))
      .filter((i) => i.answerable && i.question.trim())
      .map((i) => i.question);
    const questions = qa.slice(0, plan.questions);
    // The PDF knowledge base is needed by the agent benches too; the search bench makes its own.
    if ([...only].some((s) => s !== 'search')) {
      say('ingest: the pumpkin-book PDF and the markdown notes');
      report.ingest = await benchIngest(ctx.url, corpus);
      if (!only.has('ingest')) delete report.ingest;
    }
    if (only.has('orchestration')) {
      say(`orchestration: ${questions.length} questions, in-process and through Temporal`);
      report.orchestration = await benchOrchestration(ctx.app, ctx.config, 'bench-pdf', questions);
    }
    if (only.has('tasks')) {
      report.tasks = [];
      // Clients follow their tasks' event streams; the level at concurrency 10 runs once more
      // with clients that read the task every 25 ms (the bench's client before), for the ratio.
      const levels = [
        ...plan.tasks.map(([c, n]) => [c, n, 'events'] as const),
        ...plan.tasks.filter(([c]) => c === 10).map(([c, n]) => [c, n, 'polling'] as const),
      ];
      for (const [concurrency, count, follow] of levels) {
        say(`tasks: ${count} at concurrency ${concurrency}, following by ${follow}`);
        const { result, cpu } = await withCpuSplit(ctx.pids, () =>
          benchTasks(ctx.url, 'bench-pdf', qa, concurrency, count, follow),
        );
        report.tasks.push({ ...result, ...cpu });
      }
    }
    if (only.has('search')) {
      const embedder = ctx.app.get(EmbedderRegistry).default();
      const texts = passages(corpus, plan.base);
      say(`search: embedding ${texts.length} passages and ${plan.queries} queries`);
      const vectors = await embedder.embedDocuments(texts);
      const baseSet = texts.map((text, i) => ({ text, vector: vectors[i] }));
      const qTexts = qa.slice(0, plan.queries);
      const qVectors = await Promise.all(qTexts.map((q) => embedder.embedQuery(q)));
      const queries = qTexts.map((text, i) => ({ text, vector: qVectors[i] }));
      report.search = [];
      for (const size of plan.sizes) {
        say(`search: ${size} chunks`);
        report.search.push(await benchSearch(ctx.app, baseSet, queries, size, say));
      }
    }
    if (only.has('api')) {
      say('api: GET /health and GET /v1/tasks/:id under autocannon');
      const { id } = await api<{ id: string }>(ctx.url, 'POST', '/v1/tasks', {
        question: qa[0],
        collection: 'bench-pdf',
      });
      report.api = {
        health: await benchApi(ctx.url, '/health', plan.apiS),
        task: await benchApi(ctx.url, `/v1/tasks/${id}`, plan.apiS),
      };
    }
  } finally {
    await ctx.close();
  }
  if (production) {
    const qa = parseQaJsonl(readFileSync(join(corpus, 'pumpkin_book_qa.jsonl'), 'utf8'))
      .filter((i) => i.answerable && i.question.trim())
      .map((i) => i.question);
    report.tasks_production = await benchProductionTasks(base, corpus, qa, plan.tasks, say);
  }
  return finish(report, started, options);
}

function finish(report: BenchReport, started: number, options: BenchOptions): BenchReport {
  report.duration_s = Math.round((performance.now() - started) / 1000);
  report.machine.load_end = loadavg().map((x) => Math.round(x * 100) / 100);
  process.stdout.write(renderTables(report));
  if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
