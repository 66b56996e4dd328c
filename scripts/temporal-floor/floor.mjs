#!/usr/bin/env node
// Minimal reproduction of the per-activity floor (issue 13): starts the cached Temporal CLI dev
// server once per server variant and one TS worker per variant (own task queue), then runs a
// workflow of N sequential no-op activities per variant, variants alternating round by round so
// machine load hits all alike. Per call: the gap between consecutive activity starts (wall clock
// in the worker), p50 over every call of every round.
//
//   node scripts/temporal-floor/floor.mjs [--calls 40] [--rounds 5] [--sleep 0] [--only a,b]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { ALL_VARIANTS, SERVERS } from './variants.mjs';
import { NativeConnection, Worker, Runtime } from '@temporalio/worker';
import { createRequire } from 'node:module';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import { Resource } from '@opentelemetry/resources';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const CALLS = Number(arg('calls', 40));
const ROUNDS = Number(arg('rounds', 5));
const SLEEP = Number(arg('sleep', 0));
const ONLY = arg('only', '');

function binary() {
  if (process.env.QUARRY_TEMPORAL_BIN) return process.env.QUARRY_TEMPORAL_BIN;
  const dir = join(homedir(), '.cache', 'quarry', 'bin');
  const v = readdirSync(dir).find((d) => d.startsWith('temporal-'));
  return join(dir, v, 'temporal');
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const VARIANTS = ALL_VARIANTS.filter(
  (v) => !ONLY || ONLY.split(',').some((o) => v.name.includes(o)),
);

async function startServer(key) {
  const dir = mkdtempSync(join(tmpdir(), 'floor-temporal-'));
  const port = await freePort();
  const httpPort = await freePort();
  const spec = SERVERS[key];
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--http-port', String(httpPort), '--headless', '--log-level', 'error');
  args.push('--metrics-port', String(await freePort()));
  if (spec.file) args.push('--db-filename', join(dir, 'temporal.sqlite'));
  args.push(...spec.args);
  const child = spawn(binary(), args, { cwd: dir, stdio: 'ignore' });
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${httpPort}/api/v1/namespaces/default`);
      if (r.ok) break;
    } catch {
      /* booting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { key, address: `127.0.0.1:${port}`, child, dir };
}

Runtime.install({
  logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
});

// As Quarry's worker installs them (src/tracing/temporal-tracing.ts), with no exporter behind them.
const require = createRequire(import.meta.url);
const quietProcessor = {
  onStart() {},
  onEnd() {},
  forceFlush: async () => {},
  shutdown: async () => {},
};
const otelOptions = () => ({
  interceptors: {
    activity: [
      (ctx) => ({
        inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
        outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
      }),
    ],
    workflowModules: [
      require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
    ],
  },
  sinks: { exporter: makeWorkflowExporter(quietProcessor, new Resource({})) },
});

const servers = new Map();
for (const key of new Set(VARIANTS.map((v) => v.server))) servers.set(key, await startServer(key));

const starts = new Map(); // taskQueue -> activity start times of the current workflow
const runs = [];
for (const [i, v] of VARIANTS.entries()) {
  const server = servers.get(v.server);
  const taskQueue = `floor-${i}`;
  const connection = await NativeConnection.connect({ address: server.address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: join(here, 'workflows.mjs'),
    activities: {
      async noop(sleepMs) {
        starts.get(taskQueue).push(performance.now());
        if (sleepMs) await new Promise((r) => setTimeout(r, sleepMs));
      },
      async echo(sleepMs, state) {
        starts.get(taskQueue).push(performance.now());
        if (sleepMs) await new Promise((r) => setTimeout(r, sleepMs));
        return state;
      },
    },
    ...(v.otel ? otelOptions() : {}),
    ...v.worker,
  });
  const running = worker.run();
  const client = new Client({
    connection: v.nativeClient ? connection : await Connection.connect({ address: server.address }),
  });
  runs.push({ v, taskQueue, worker, running, client, gaps: [], totals: [], phases: {} });
}

// Where a call's time goes, from the server's own event times: between consecutive events of the
// same kinds (e.g. WorkflowTaskCompleted -> ActivityTaskStarted is dispatch of the activity).
const ms = (t) => Number(t.seconds) * 1000 + t.nanos / 1e6;
async function phases(r, workflowId) {
  const history = await r.client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events.map((e) => ({
    kind: Object.keys(e).find((k) => k.endsWith('EventAttributes') && e[k]) ?? '?',
    t: ms(e.eventTime),
  }));
  const byStart = new Map();
  // The started event of an activity is appended when it completes: order by time, not by id.
  events.sort((a, b) => a.t - b.t);
  for (let k = 1; k < events.length; k++) {
    const name = `${events[k - 1].kind.replace('EventAttributes', '')} -> ${events[k].kind.replace('EventAttributes', '')}`;
    if (!byStart.has(name)) byStart.set(name, []);
    byStart.get(name).push(events[k].t - events[k - 1].t);
  }
  for (const [name, xs] of byStart) (r.phases[name] ??= []).push(...xs);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const load = [loadavg()[0]];
// Round 0 warms every worker (bundle, sticky cache, connections) and is not counted.
for (let round = 0; round <= ROUNDS; round++) {
  for (const r of runs) {
    starts.set(r.taskQueue, []);
    const t0 = performance.now();
    const handleId = `floor-${r.taskQueue}-${round}-${Date.now()}`;
    const handle = await r.client.workflow.start(r.v.workflow ?? 'regularCalls', {
      taskQueue: r.taskQueue,
      workflowId: handleId,
      args: [CALLS, SLEEP],
      ...(r.v.eagerStart ? { requestEagerStart: true } : {}),
    });
    if (handle.eagerlyStarted) r.eager = (r.eager ?? 0) + 1;
    await handle.result();
    const total = performance.now() - t0;
    if (round > 0) await phases(r, handleId);
    const s = starts.get(r.taskQueue);
    if (round === 0) continue;
    for (let k = 1; k < s.length; k++) r.gaps.push(s[k] - s[k - 1]);
    r.totals.push(total);
  }
  load.push(loadavg()[0]);
}

const base = median(runs[0].gaps);
console.log(
  `calls=${CALLS} rounds=${ROUNDS} sleep=${SLEEP}ms load(1m) ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`,
);
console.log(
  'variant | p50 ms/call (gap) | p90 | workflow ms/call | ms per workflow | ratio to first',
);
for (const r of runs) {
  const s = [...r.gaps].sort((a, b) => a - b);
  const p90 = s.length ? s[Math.floor(s.length * 0.9)] : NaN; // no gaps without calls
  const p50 = median(r.gaps);
  console.log(
    `${r.v.name} | ${p50.toFixed(1)} | ${p90.toFixed(1)} | ${(median(r.totals) / CALLS).toFixed(1)} | ${median(r.totals).toFixed(1)} | ${(p50 / base).toFixed(2)}${r.eager ? ` | started eagerly ${r.eager}×` : ''}`,
  );
}
if (process.argv.includes('--phases')) {
  for (const r of runs) {
    console.log(`\n${r.v.name}: p50 ms between consecutive events (count)`);
    for (const [name, xs] of Object.entries(r.phases))
      if (xs.length >= CALLS) console.log(`  ${name}: ${median(xs).toFixed(1)} (${xs.length})`);
  }
}
for (const r of runs) r.worker.shutdown();
await Promise.all(runs.map((r) => r.running));
for (const s of servers.values()) {
  s.child.kill('SIGTERM');
  await new Promise((r) => s.child.once('exit', r));
  rmSync(s.dir, { recursive: true, force: true });
}
process.exit(0);
