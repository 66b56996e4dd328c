import { api, esc, fmtTime, status, view } from './util.js';

const RUNS_SHOWN = 5;

const timing = (s) =>
  `${s.cron !== null ? `cron <code>${esc(s.cron)}</code>` : `every ${esc(s.every)}`} <span class="muted">${esc(s.timezone)}</span>`;

/** A schedule's latest runs with their task status, each linking to the task's page. */
function runsHtml(runs) {
  if (!runs.length) return '<span class="muted">no runs yet</span>';
  return runs
    .map(
      (r) =>
        `<a class="run" href="#/tasks/${encodeURIComponent(r.id)}" data-task="${esc(r.id)}">${status(r.status)} ${fmtTime(r.createdAt)}</a>`,
    )
    .join('<br />');
}

/** Schedules: what each asks and when, its next runs and recent runs, and the actions on it. */
export async function schedules(rerender) {
  const { schedules: list } = await api('GET', '/v1/schedules?limit=100');
  const runs = await Promise.all(
    list.map((s) =>
      api('GET', `/v1/tasks?schedule=${encodeURIComponent(s.id)}&limit=${RUNS_SHOWN}`).then(
        (p) => p.tasks,
      ),
    ),
  );
  view.innerHTML = `
    <form class="filters panel" id="new-schedule">
      <input name="question" size="40" placeholder="question each run asks" required />
      <input name="collection" placeholder="knowledge base" required />
      <select name="mode"><option>answer</option><option>research</option></select>
      <input name="when" placeholder="cron (0 9 * * MON) or every (6h)" required />
      <input name="timezone" placeholder="time zone (UTC)" />
      <button type="submit">Create schedule</button>
      <span id="schedule-error" class="error"></span>
    </form>
    <table id="schedule-table"><thead><tr><th>schedule</th><th>asks</th><th>when</th><th>next runs</th><th>recent runs</th><th></th></tr></thead>
    <tbody>${
      list
        .map(
          (s, i) => `<tr data-id="${esc(s.id)}">
        <td><code>${esc(s.id.slice(0, 14))}…</code><br />${s.paused ? '<span class="status cancelled" data-state="paused">paused</span>' : '<span class="status completed" data-state="active">active</span>'}${s.note ? `<br /><span class="muted">${esc(s.note)}</span>` : ''}</td>
        <td class="q">${esc(s.task.question)}<br /><span class="muted">${esc(s.task.mode ?? 'answer')} · ${esc(s.task.collection)}</span></td>
        <td>${timing(s)}</td>
        <td class="next">${s.nextRuns.slice(0, 3).map(fmtTime).join('<br />') || '<span class="muted">—</span>'}</td>
        <td class="runs">${runsHtml(runs[i])}</td>
        <td class="ops">
          <button data-act="${s.paused ? 'resume' : 'pause'}">${s.paused ? 'Resume' : 'Pause'}</button>
          <button data-act="trigger">Run now</button>
          <button data-act="delete" class="danger">Delete</button>
        </td></tr>`,
        )
        .join('') || '<tr><td colspan="6" class="muted">No schedules.</td></tr>'
    }</tbody></table>`;

  view.querySelector('#new-schedule').onsubmit = async (e) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.target));
    const when = String(f.when).trim();
    const body = {
      task: { question: f.question, collection: f.collection, mode: f.mode },
      ...(/^\d+[smhd]$/.test(when) ? { every: when } : { cron: when }),
      ...(String(f.timezone).trim() ? { timezone: String(f.timezone).trim() } : {}),
    };
    try {
      await api('POST', '/v1/schedules', body);
      e.target.reset();
      document.activeElement?.blur();
      rerender();
    } catch (err) {
      view.querySelector('#schedule-error').textContent = err.message;
    }
  };
  for (const button of view.querySelectorAll('button[data-act]')) {
    button.onclick = async () => {
      const id = button.closest('tr').dataset.id;
      const act = button.dataset.act;
      if (act === 'delete' && !confirm(`Delete schedule ${id}? Runs already started finish.`))
        return;
      const path = `/v1/schedules/${encodeURIComponent(id)}`;
      await api(act === 'delete' ? 'DELETE' : 'POST', act === 'delete' ? path : `${path}/${act}`);
      rerender();
    };
  }
}
