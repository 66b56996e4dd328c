// Small SVG charts, drawn as strings: no chart library, nothing fetched from a CDN.
const esc = (s) =>
  String(s).replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );
const W = 560;
const H = 170;
const PAD = { l: 44, r: 10, t: 10, b: 24 };

function axes(labels, max, fmt) {
  const step = (W - PAD.l - PAD.r) / Math.max(1, labels.length);
  const ticks = [0, max / 2, max]
    .map((v) => {
      const y = H - PAD.b - (v / (max || 1)) * (H - PAD.t - PAD.b);
      return `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y}" y2="${y}" stroke="#eef1f4"/><text x="${PAD.l - 4}" y="${y + 4}" text-anchor="end" font-size="10" fill="#6a7480">${esc(fmt(v))}</text>`;
    })
    .join('');
  const xl = labels
    .map((l, i) =>
      i % 3 === 0
        ? `<text x="${PAD.l + step * i + step / 2}" y="${H - 6}" text-anchor="middle" font-size="10" fill="#6a7480">${esc(l)}</text>`
        : '',
    )
    .join('');
  return { step, grid: ticks + xl };
}

export function barChart(
  labels,
  values,
  fmt = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)),
) {
  const max = Math.max(1, ...values);
  const { step, grid } = axes(labels, max, fmt);
  const bars = values
    .map((v, i) => {
      const h = (v / max) * (H - PAD.t - PAD.b);
      return `<rect x="${PAD.l + step * i + 2}" y="${H - PAD.b - h}" width="${Math.max(1, step - 4)}" height="${h}" fill="#2b6cb0"><title>${esc(labels[i])}: ${v}</title></rect>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img">${grid}${bars}</svg>`;
}

export function lineChart(labels, series, fmt) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const { step, grid } = axes(labels, max, fmt);
  const colors = ['#2b6cb0', '#c05621', '#2f855a'];
  const lines = series
    .map((s, k) => {
      const pts = s.values
        .map(
          (v, i) => `${PAD.l + step * i + step / 2},${H - PAD.b - (v / max) * (H - PAD.t - PAD.b)}`,
        )
        .join(' ');
      return `<polyline points="${pts}" fill="none" stroke="${colors[k % 3]}" stroke-width="2"/><text x="${W - PAD.r}" y="${PAD.t + 12 * (k + 1)}" text-anchor="end" font-size="11" fill="${colors[k % 3]}">${esc(s.name)}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img">${grid}${lines}</svg>`;
}

/** Each step a bar at its start, as long as it took: a trace view of the agent's path. */
export function timeline(steps) {
  if (!steps?.length) return '<p class="muted">No steps yet.</p>';
  const t0 = Math.min(...steps.map((s) => Date.parse(s.startedAt)));
  const end = Math.max(...steps.map((s) => Date.parse(s.startedAt) + s.ms));
  const span = Math.max(1, end - t0);
  const row = 20;
  const left = 120;
  const width = 800;
  const seen = new Map();
  const bars = steps
    .map((s, i) => {
      const n = (seen.get(s.node) ?? 0) + 1;
      seen.set(s.node, n);
      const x = left + ((Date.parse(s.startedAt) - t0) / span) * (width - left - 60);
      const w = Math.max(2, (s.ms / span) * (width - left - 60));
      const y = i * row + 4;
      const retried = (s.attempt ?? 1) > 1;
      const note = `${s.ms} ms${retried ? ` · attempt ${s.attempt}` : ''}${s.outcome === 'waiting' ? ' · waited for input' : ''}`;
      return `<g class="step" data-node="${esc(s.node)}"><text x="0" y="${y + 12}">${esc(s.node)}${n > 1 ? ` #${n}` : ''}</text><rect class="bar${retried ? ' retry' : ''}" x="${x}" y="${y}" width="${w}" height="${row - 6}" rx="2"><title>${esc(s.node)}: ${esc(note)}</title></rect><text x="${x + w + 4}" y="${y + 12}">${esc(note)}</text></g>`;
    })
    .join('');
  return `<svg class="timeline" viewBox="0 0 ${width} ${steps.length * row + 8}" width="100%">${bars}</svg>`;
}
