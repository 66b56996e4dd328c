// Shared by the dashboard's pages: the API client and text formatting.
export const view = document.getElementById('view');

export const esc = (s) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
export const fmtMs = (ms) =>
  ms >= 60000
    ? `${(ms / 60000).toFixed(1)} min`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.round(ms)} ms`;
export const fmtTime = (iso) => (iso ? new Date(iso).toLocaleString() : '');
export const status = (s) =>
  `<span class="status ${esc(s)}" data-status="${esc(s)}">${esc(s)}</span>`;

export async function api(method, path, body) {
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

export async function listAll(query, max = 500) {
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
