import type { BenchReport } from './bench-command';

function table(title: string, rows: Record<string, string | number | boolean>[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]);
  const cells = [keys, ...rows.map((r) => keys.map((k) => String(r[k] ?? '')))];
  const widths = keys.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i])).join('  ');
  return `\n${title}\n${line(cells[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${cells
    .slice(1)
    .map(line)
    .join('\n')}\n`;
}

/** The report as plain-text tables, one per section. */
export function renderTables(r: BenchReport): string {
  let out = `Quarry bench${r.quick ? ' (quick)' : ''}: ${r.machine.cpus} × ${r.machine.cpu_model}, ${r.machine.memory_gib} GiB, Node ${r.machine.node}, ${r.duration_s} s, load average ${r.machine.load_start.join(' ')} → ${r.machine.load_end?.join(' ') ?? '?'}\n`;
  if (r.ingest)
    out += table('ingest', [
      { corpus: 'pdf', ...r.ingest.pdf },
      { corpus: 'markdown', ...r.ingest.markdown },
    ]);
  if (r.orchestration) out += table('orchestration (ms per agent step)', [{ ...r.orchestration }]);
  if (r.tasks)
    out += table(
      'tasks through the HTTP API',
      r.tasks.map((t) => ({ ...t })),
    );
  if (r.tasks_production)
    out += table(
      'tasks on the production stack (Temporal server on PostgreSQL, separate worker processes)',
      r.tasks_production.map((t) => ({ ...t, worker_cpu_s: t.worker_cpu_s.join(' + ') })),
    );
  if (r.search)
    out += table(
      'search',
      r.search.map((s) => ({ ...s })),
    );
  if (r.api) out += table('api under load', [{ ...r.api.health }, { ...r.api.task }]);
  if (r.first_token)
    out += table(
      'GGUF generator: first streamed token and full answer (ms)',
      r.first_token.map((t) => ({ ...t })),
    );
  return out;
}
