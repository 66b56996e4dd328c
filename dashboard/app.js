// Quarry's operations dashboard: plain ES modules, no build step, served by the API at /dashboard.
import { collections } from './collections-page.js';
import { overview } from './overview.js';
import { schedules } from './schedules-page.js';
import { taskDetail } from './task-page.js';
import { tasks } from './tasks-page.js';
import { esc, view } from './util.js';

const keyInput = document.getElementById('api-key');
let refresh = null;

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
  if (section === 'tasks' && id)
    every(2000, () =>
      run(() =>
        taskDetail(decodeURIComponent(id), { rerender: route, stop: () => clearInterval(refresh) }),
      ),
    );
  else if (section === 'tasks') every(3000, () => run(() => tasks(route)));
  else if (section === 'schedules') every(5000, () => run(() => schedules(route)));
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
