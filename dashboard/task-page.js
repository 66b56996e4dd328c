import { timeline } from './charts.js';
import { api, esc, fmtMs, fmtTime, status, view } from './util.js';

function answerHtml(result) {
  const text = result.report ?? result.answer ?? '';
  return esc(text).replace(
    /\[(\d+)\]/g,
    (m, n) => `<a class="cite" data-n="${n}" title="show the quoted source">[${n}]</a>`,
  );
}

/** The task's trace id, linked when QUARRY_TRACE_URL_TEMPLATE says where traces are viewed. */
function traceHtml(traceId, template) {
  if (!traceId) return '';
  const id = `<code id="trace-id">${esc(traceId)}</code>`;
  return template
    ? ` · trace <a href="${esc(template.replace('{traceId}', traceId))}" target="_blank" rel="noopener">${id}</a>`
    : ` · trace ${id}`;
}

// The Temporal UI link does not change while the page is open: asked for once, not every refresh.
let opsOnce = null;

/** One task: timeline, answer with citations, retrieval trace and the actions on it. */
export async function taskDetail(id, { rerender, stop }) {
  opsOnce ??= api('GET', '/v1/ops/overview').catch((err) => {
    opsOnce = null;
    throw err;
  });
  const [t, ops] = await Promise.all([api('GET', `/v1/tasks/${encodeURIComponent(id)}`), opsOnce]);
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
    }</span>${ops.temporalUiUrl ? ` · <a href="${esc(ops.temporalUiUrl)}/namespaces/${esc(ops.namespace)}/workflows/${esc(t.id)}" target="_blank" rel="noopener">open in Temporal UI</a>` : ''}${traceHtml(t.traceId, ops.traceUrlTemplate)}</p>
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
    rerender();
  });
  view.querySelector('#retry')?.addEventListener('click', async () => {
    const n = await api('POST', `/v1/tasks/${id}/retry`);
    location.hash = `#/tasks/${n.id}`;
  });
  view.querySelector('#send')?.addEventListener('click', async () => {
    await api('POST', `/v1/tasks/${id}/input`, { text: view.querySelector('#reply').value });
    rerender();
  });
  view.querySelector('#approve')?.addEventListener('click', async () => {
    const plan = view
      .querySelector('#plan')
      .value.split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    await api('POST', `/v1/tasks/${id}/input`, { approve: true, subQuestions: plan });
    rerender();
  });
  view.querySelector('#reject')?.addEventListener('click', async () => {
    await api('POST', `/v1/tasks/${id}/input`, { approve: false });
    rerender();
  });
  for (const a of view.querySelectorAll('.cite')) {
    a.onclick = () => {
      const c = r.citations.find((x) => x.n === Number(a.dataset.n));
      view.querySelector('#quote').innerHTML = c
        ? `<div class="quote"><strong>[${c.n}] ${esc(c.source)}${c.page !== null ? ` p.${c.page}` : ''}</strong><br />${esc(c.quote)}</div>`
        : '';
    };
  }
  if (ended || t.waitingFor) stop();
}
