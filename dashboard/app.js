// Quarry's operations dashboard: plain ES modules, no build step, served by the API at /dashboard.
import { barChart, lineChart, timeline } from './charts.js';

const view = document.getElementById('view');
const keyInput = document.getElementById('api-key');
let refresh = null;

const esc = (s) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
const fmtMs = (ms) =>
  ms >= 60000
    ? `${(ms / 60000).toFixed(1)} min`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.round(ms)} ms`;
const fmtTime = (iso) => (iso ? new Date(iso).toLocaleString() : '');
const status = (s) => `<span class="status ${esc(s)}" data-status="${esc(s)}">${esc(s)}</span>`;

async function api(method, path, body) {
  const headers = {};
  const key = localStorage.getItem('quarry.apiKey');
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
  return json;
}

function every(ms, fn) {
  clearInterval(refresh);
  fn();
  refresh = setInterval(fn, ms);
}

async function showHealth() {
  const el = document.getElementById('health');
  try {
    const res = await fetch('/health');
    const body = await res.json();
    el.innerHTML = Object.entries(body.checks)
      .map(
        ([k, v]) =>
          `<span class="pill ${v === 'up' ? 'up' : 'down'}" title="${esc(k)}: ${esc(v)}">${esc(k)}</span>`,
      )
      .join('');
  } catch {
    el.innerHTML = '<span class="pill down">API unreachable</span>';
  }
}

async function listAll(query, max = 500) {
  const tasks = [];
  let cursor = null;
  do {
    const page = await api(
      'GET',
      `/v1/tasks?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    tasks.push(...page.tasks);
    cursor = page.nextCursor;
  } while (cursor && tasks.length < max);
  return tasks;
}

async function overview() {
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

const filters = { status: '', mode: '', collection: '', q: '' };
let pages = [null];

async function tasks() {
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
    route();
  };
  view.querySelector('#next').onclick = () => {
    pages.push(page.nextCursor);
    route();
  };
  view.querySelector('#prev').onclick = () => {
    pages.pop();
    route();
  };
  for (const tr of view.querySelectorAll('tr.row'))
    tr.onclick = () => (location.hash = `#/tasks/${tr.dataset.id}`);
}

function answerHtml(result) {
  const text = result.report ?? result.answer ?? '';
  return esc(text).replace(
    /\[(\d+)\]/g,
    (m, n) => `<a class="cite" data-n="${n}" title="show the quoted source">[${n}]</a>`,
  );
}

async function taskDetail(id) {
  const [t, ops] = await Promise.all([
    api('GET', `/v1/tasks/${encodeURIComponent(id)}`),
    api('GET', '/v1/ops/overview'),
  ]);
  const r = t.result;
  const trace = r?.trace;
  const ended = ['completed', 'failed', 'cancelled'].includes(t.status);
  view.innerHTML = `
    <p><a href="#/tasks">← tasks</a></p>
    <h2 style="margin:4px 0">${esc(t.question)}</h2>
    <p>${status(t.status)} <span class="muted">${esc(t.mode)} · ${esc(t.collection)} · ${fmtTime(t.createdAt)} · ${fmtMs(t.durationMs)}${
      t.usage
        ? ` · ${t.usage.modelCalls} model calls, ${t.usage.inputTokens + t.usage.outputTokens} tokens`
        : ''
    }</span>${ops.temporalUiUrl ? ` · <a href="${esc(ops.temporalUiUrl)}/namespaces/${esc(ops.namespace)}/workflows/${esc(t.id)}" target="_blank" rel="noopener">open in Temporal UI</a>` : ''}</p>
    <div class="actions">
      ${ended ? '' : '<button id="cancel" class="danger">Cancel task</button>'}
      ${t.status === 'failed' || t.status === 'cancelled' ? '<button id="retry">Retry as a new task</button>' : ''}
    </div>
    ${
      t.waitingFor
        ? `<div class="panel" id="waiting"><h3>Waiting for input</h3><p>${esc(t.waitingFor.ask)}</p>${
            t.waitingFor.plan
              ? `<ol>${t.waitingFor.plan.map((q) => `<li>${esc(q)}</li>`).join('')}</ol><textarea id="plan" rows="4" cols="60">${esc(t.waitingFor.plan.join('\n'))}</textarea><div class="actions"><button id="approve">Approve plan</button><button id="reject" class="danger">Reject</button></div>`
              : '<input id="reply" size="60" placeholder="your reply" /> <button id="send">Send</button>'
          }</div>`
        : ''
    }
    ${t.error ? `<div class="panel error">${esc(t.error)}</div>` : ''}
    <div class="panel"><h3>Timeline</h3>${timeline(t.steps)}</div>
    ${
      r
        ? `<div class="split"><div class="panel"><h3>${r.report ? 'Report' : 'Answer'}${r.abstained ? ' (abstained)' : ''}</h3><div class="answer" id="answer">${answerHtml(r)}</div><div id="quote"></div></div>
      <div class="panel"><h3>Retrieval</h3>${
        trace
          ? `<p class="muted">Queries: ${trace.queries.map(esc).join(' → ')}</p>
        <table><thead><tr><th>chunk</th><th>score</th><th>grade</th></tr></thead><tbody>${trace.chunks
          .map(
            (c) =>
              `<tr><td>${esc(c.source)}${c.page !== null ? ` p.${c.page}` : ''}</td><td>${c.score.toFixed(3)}</td><td>${c.relevant ? '✓' : '✗'} ${c.grade.toFixed(2)}</td></tr>`,
          )
          .join('')}</tbody></table>`
          : '<p class="muted">Per sub-question: see each finding.</p>'
      }</div></div>`
        : ''
    }`;
  view.querySelector('#cancel')?.addEventListener('click', async () => {
    await api('POST', `/v1/tasks/${id}/cancel`);
    route();
  });
  view.querySelector('#retry')?.addEventListener('click', async () => {
    const n = await api('POST', `/v1/tasks/${id}/retry`);
    location.hash = `#/tasks/${n.id}`;
  });
  view.querySelector('#send')?.addEventListener('click', async () => {
    await api('POST', `/v1/tasks/${id}/input`, { text: view.querySelector('#reply').value });
    route();
  });
  view.querySelector('#approve')?.addEventListener('click', async () => {
    const plan = view
      .querySelector('#plan')
      .value.split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    await api('POST', `/v1/tasks/${id}/input`, { approve: true, subQuestions: plan });
    route();
  });
  view.querySelector('#reject')?.addEventListener('click', async () => {
    await api('POST', `/v1/tasks/${id}/input`, { approve: false });
    route();
  });
  for (const a of view.querySelectorAll('.cite')) {
    a.onclick = () => {
      const c = r.citations.find((x) => x.n === Number(a.dataset.n));
      view.querySelector('#quote').innerHTML = c
        ? `<div class="quote"><strong>[${c.n}] ${esc(c.source)}${c.page !== null ? ` p.${c.page}` : ''}</strong><br />${esc(c.quote)}</div>`
        : '';
    };
  }
  if (ended || t.waitingFor) clearInterval(refresh);
}

async function collections() {
  const { collections: kbs } = await api('GET', '/v1/collections');
  const described = await Promise.all(kbs.map((k) => api('GET', `/v1/collections/${k.name}`)));
  view.innerHTML = `
    <table><thead><tr><th>knowledge base</th><th>documents</th><th>chunks</th><th>model</th><th>last sync</th></tr></thead><tbody>
    ${described.map((k) => `<tr class="row" data-name="${esc(k.name)}"><td>${esc(k.name)}</td><td>${k.documents.indexed}${k.documents.failed ? ` <span class="error">(${k.documents.failed} failed)</span>` : ''}</td><td>${k.chunks}</td><td>${esc(k.embeddingModel)}</td><td>${fmtTime(k.lastSyncAt)}</td></tr>`).join('') || '<tr><td colspan="5" class="muted">No knowledge bases.</td></tr>'}
    </tbody></table><div id="kb"></div>`;
  for (const tr of view.querySelectorAll('tr.row')) tr.onclick = () => showKb(tr.dataset.name);
}

async function showKb(name) {
  const docs = await api('GET', `/v1/collections/${name}/documents?limit=100`);
  const failed = docs.documents.filter((d) => d.status === 'failed');
  const el = view.querySelector('#kb');
  el.innerHTML = `<div class="panel"><h3>${esc(name)}</h3>
    ${failed.length ? `<p class="error">Failed files:</p><ul>${failed.map((d) => `<li>${esc(d.source)}: ${esc(d.error)}</li>`).join('')}</ul>` : '<p class="muted">No failed files.</p>'}
    <form id="search" class="filters"><input name="query" size="50" placeholder="retrieval test: a question" /><select name="mode"><option>hybrid</option><option>keyword</option><option>vector</option></select><button>Search</button></form>
    <div id="hits"></div></div>`;
  el.querySelector('#search').onsubmit = async (e) => {
    e.preventDefault();
    const form = Object.fromEntries(new FormData(e.target));
    const res = await api('POST', `/v1/collections/${name}/search`, {
      query: form.query,
      mode: form.mode,
      limit: 10,
    });
    el.querySelector('#hits').innerHTML =
      `<table><thead><tr><th>#</th><th>score</th><th>source</th><th>text</th></tr></thead><tbody>${res.hits
        .map(
          (h, i) =>
            `<tr><td>${i + 1}</td><td>${h.score.toFixed(3)}${h.keywordScore !== undefined ? `<br /><span class="muted">bm25 ${h.keywordScore.toFixed(2)}</span>` : ''}</td><td>${esc(h.source)}${h.page !== null ? ` p.${h.page}` : ''}</td><td class="q">${esc(h.text.slice(0, 300))}</td></tr>`,
        )
        .join('')}</tbody></table>`;
  };
}

/** A refresh must not wipe out what the operator is typing. */
const typing = () =>
  ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName) &&
  view.contains(document.activeElement);

async function route() {
  const hash = location.hash || '#/';
  const [, section, id] = hash.split('/');
  for (const a of document.querySelectorAll('nav a'))
    a.classList.toggle('active', a.dataset.nav === (section || 'overview'));
  const run = async (fn) => {
    if (typing()) return;
    try {
      await fn();
    } catch (err) {
      view.innerHTML = `<p class="error">${esc(err.message)}</p>`;
    }
  };
  if (section === 'tasks' && id) every(2000, () => run(() => taskDetail(decodeURIComponent(id))));
  else if (section === 'tasks') every(3000, () => run(tasks));
  else if (section === 'collections') {
    clearInterval(refresh);
    await run(collections);
  } else every(5000, () => run(overview));
}

document.getElementById('key-form').onsubmit = (e) => {
  e.preventDefault();
  const key = keyInput.value.trim();
  if (key) localStorage.setItem('quarry.apiKey', key);
  else localStorage.removeItem('quarry.apiKey');
  route();
};
keyInput.value = localStorage.getItem('quarry.apiKey') ?? '';
window.addEventListener('hashchange', route);
setInterval(showHealth, 5000);
showHealth();
route();
