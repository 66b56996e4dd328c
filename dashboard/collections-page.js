import { api, esc, fmtTime, view } from './util.js';

/** Knowledge bases: sizes, last sync, failed files, and a retrieval test with scores. */
export async function collections() {
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
