import { api, esc, fmtMs, fmtTime, status, view } from './util.js';

const filters = { status: '', mode: '', collection: '', q: '' };
let pages = [null];

/** The task list: filters, pages (cursors kept for going back), rows that open a task. */
export async function tasks(rerender) {
  const f = filters;
  const q = Object.entries(f)
    .filter(([, v]) => v)
    .map(([k, v]) => `&${k}=${encodeURIComponent(v)}`)
    .join('');
  const cursor = pages[pages.length - 1];
  const page = await api('GET', `/v1/tasks?limit=25${q}${cursor ? `&cursor=${cursor}` : ''}`);
  const options = (name, values) =>
    `<select name="${name}"><option value="">${name}: any</option>${values.map((v) => `<option ${f[name] === v ? 'selected' : ''}>${v}</option>`).join('')}</select>`;
  view.innerHTML = `
    <form class="filters" id="filters">
      ${options('status', ['queued', 'running', 'waiting_for_input', 'completed', 'failed', 'cancelled'])}
      ${options('mode', ['answer', 'research'])}
      <input name="collection" placeholder="knowledge base" value="${esc(f.collection)}" />
      <input name="q" placeholder="words in the question" value="${esc(f.q)}" />
      <button type="submit">Filter</button>
    </form>
    <table id="task-table"><thead><tr><th>status</th><th>mode</th><th>knowledge base</th><th>question</th><th>started</th><th>duration</th></tr></thead>
    <tbody>${
      page.tasks
        .map(
          (t) =>
            `<tr class="row" data-id="${esc(t.id)}"><td>${status(t.status)}</td><td>${esc(t.mode)}</td><td>${esc(t.collection)}</td><td class="q">${esc(t.question)}</td><td>${fmtTime(t.createdAt)}</td><td>${fmtMs(t.durationMs)}</td></tr>`,
        )
        .join('') || '<tr><td colspan="6" class="muted">No tasks.</td></tr>'
    }</tbody></table>
    <div class="actions">
      <button id="prev" ${pages.length > 1 ? '' : 'disabled'}>Newer</button>
      <button id="next" ${page.nextCursor ? '' : 'disabled'}>Older</button>
    </div>`;
  view.querySelector('#filters').onsubmit = (e) => {
    e.preventDefault();
    for (const [k, v] of new FormData(e.target)) filters[k] = String(v).trim();
    pages = [null];
    rerender();
  };
  view.querySelector('#next').onclick = () => {
    pages.push(page.nextCursor);
    rerender();
  };
  view.querySelector('#prev').onclick = () => {
    pages.pop();
    rerender();
  };
  for (const tr of view.querySelectorAll('tr.row'))
    tr.onclick = () => (location.hash = `#/tasks/${tr.dataset.id}`);
}
