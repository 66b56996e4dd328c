#!/usr/bin/env node
// The orchestration bench on a small knowledge base (the prompt-engineering markdown notes, not
// the PDF: a loaded machine takes many minutes to ingest it), from the built tree it is run in.
// Prints the bench's figures, the split of an ask's time around its steps, and the load; run it
// from two trees in turn (before / after) to compare them on the same machine state.
//
//   cd <tree> && npm run build && node scripts/orch-timeline/run.mjs [--questions 5] [--json f]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const tree = process.cwd();
const dist = (p) => import(join(tree, 'dist', 'src', p));
const { loadConfig } = await dist('config/config.js');
const { startBenchContext } = await dist('bench/bench-context.js');
const { ingestFiles } = await dist('bench/ingest-bench.js');
const { benchOrchestration } = await dist('bench/orchestration-bench.js');

const corpus = resolve(arg('corpus', join('..', 'shared', 'corpus')));
const count = Number(arg('questions', '5'));
const say = (line) => process.stderr.write(`timeline: ${line}\n`);
const loadStart = loadavg()[0];
const ctx = await startBenchContext(loadConfig(), say);
try {
  const mdDir = join(corpus, 'llm-universe', 'prompt_engineering');
  const md = readdirSync(mdDir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(mdDir, f));
  say(`ingest: ${md.length} markdown notes`);
  await ingestFiles(ctx.url, 'bench-md', md);
  // Questions about the notes' subject (prompt engineering), in the QA set's language.
  const questions = readFileSync(join(corpus, 'pumpkin_book_qa.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((i) => i.answerable && i.question?.trim())
    .map((i) => i.question)
    .slice(0, count);
  const figures = await benchOrchestration(ctx.app, ctx.config, 'bench-md', questions);
  const out = { tree, load_start: loadStart, load_end: loadavg()[0], ...figures };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  const json = arg('json');
  if (json) writeFileSync(json, `${JSON.stringify(out, null, 2)}\n`);
} finally {
  await ctx.close();
}
