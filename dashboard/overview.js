import { barChart, lineChart } from './charts.js';
import { api, esc, fmtMs, listAll, view } from './util.js';

/** Counts, charts of the last hour, workers and backlog. */
export async function overview() {
  const hourAgo = new Date(Date.now() - 3600_000).toISOString();
  const [running, waiting, failed, done, ops] = await Promise.all([
    listAll('&status=running'),
    listAll('&status=waiting_for_input'),
    listAll(`&status=failed&from=${hourAgo}`),
    listAll(`&status=completed&from=${hourAgo}`),
    api('GET', '/v1/ops/overview'),
  ]);
  const queued = running.filter((t) => t.status === 'queued').length;
  const card = (n, l) =>
    `<div class="card"><div class="n">${n}</div><div class="l">${l}</div></div>`;
  const errorRate =
    done.length + failed.length ? (100 * failed.length) / (done.length + failed.length) : 0;
  // Completed tasks per 5 minutes, and their p50 / p95 latency, over the last hour.
  const buckets = Array.from({ length: 12 }, (_, i) => ({
    t: Date.now() - (11 - i) * 300_000,
    d: [],
  }));
  for (const t of done) {
    const i = 11 - Math.floor((Date.now() - Date.parse(t.closedAt)) / 300_000);
    if (i >= 0 && i < 12) buckets[i].d.push(t.durationMs);
  }
  const pct = (a, p) =>
    a.length ? [...a].sort((x, y) => x - y)[Math.ceil((p / 100) * a.length) - 1] : 0;
  const labels = buckets.map((b) =>
    new Date(b.t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
  );
  view.innerHTML = `
    <div class="cards">
      ${card(running.length - queued, 'running')}${card(queued, 'queued')}
      ${card(waiting.length, 'waiting for input')}${card(failed.length, 'failed, last hour')}
      ${card(done.length, 'completed, last hour')}${card(`${errorRate.toFixed(1)}%`, 'error rate, last hour')}
      ${card(ops.workers ? `${ops.workers.workflow} / ${ops.workers.activity}` : '?', 'workers (workflow / activity pollers)')}
      ${card(ops.backlog ? `${ops.backlog.workflow} / ${ops.backlog.activity}` : 'n/a', 'queue backlog (workflow / activity)')}
    </div>
    <div class="charts">
      <div class="panel"><h3>Throughput (tasks completed per 5 min)</h3>${barChart(
        labels,
        buckets.map((b) => b.d.length),
      )}</div>
      <div class="panel"><h3>Task latency p50 / p95</h3>${lineChart(
        labels,
        [
          { name: 'p50', values: buckets.map((b) => pct(b.d, 50)) },
          { name: 'p95', values: buckets.map((b) => pct(b.d, 95)) },
        ],
        fmtMs,
      )}</div>
    </div>
    <p class="muted">Task queue <code>${esc(ops.taskQueue)}</code> in namespace <code>${esc(ops.namespace)}</code>${
      ops.temporalUiUrl
        ? ` · <a href="${esc(ops.temporalUiUrl)}/namespaces/${esc(ops.namespace)}/workflows" target="_blank" rel="noopener">Temporal UI</a>`
        : ''
    }</p>`;
}
