import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { call } from '../support/http';
import { SEARCH_GUIDE, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

const CHROMIUM = process.env.QUARRY_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'dashboard');

/** The dashboard driven as a person would, in Debian's Chromium, against the real stack. */
describe('operations dashboard in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const kb = `dash-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp();
    await seedKnowledgeBase(t.url, kb, [
      SEARCH_GUIDE,
      {
        source: 'guide/durability.md',
        text: '# Durable execution\n\nWhen a worker crashes, the workflow resumes from the step in flight on another worker.',
      },
    ]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a task appear and complete, its timeline and a citation; cancels a waiting task', async () => {
    await page.goto(`${t.url}/dashboard/#/tasks`);
    // Unique for the row to find, by an ordinal: a code such as "(3f2a)" would be a specific term
    // absent from every passage, and the agent rightly abstains on those.
    const question = `第${Math.floor(Math.random() * 1e6)}问：混合检索的 alpha 参数决定什么？`;
    await call(t.url, 'POST', '/v1/tasks', { question, collection: kb });
    const row = page.locator('tr.row', { hasText: question });
    await row.locator('[data-status="completed"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'tasks.png') });

    await row.click();
    await page.locator('g.step[data-node="retrieve"]').first().waitFor();
    expect(await page.locator('g.step').count()).toBeGreaterThanOrEqual(4);
    await page.locator('.cite').first().click();
    await page.locator('.quote').waitFor();
    expect(await page.locator('.quote').innerText()).toContain('guide/search.md');
    expect(await page.locator('#answer').innerText()).toContain('alpha');
    await page.screenshot({ path: join(SHOTS, 'task-detail.png'), fullPage: true });

    const waiting = await call(t.url, 'POST', '/v1/tasks', {
      question: '这个怎么设置？',
      collection: kb,
      options: { allowClarify: true },
    });
    await page.goto(`${t.url}/dashboard/#/tasks/${waiting.body.id}`);
    await page.locator('#waiting').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'task-waiting.png') });
    await page.locator('#cancel').click();
    await page.locator('[data-status="cancelled"]').waitFor({ timeout: 30_000 });
    expect((await call(t.url, 'GET', `/v1/tasks/${waiting.body.id}`)).body.status).toBe(
      'cancelled',
    );
  });

  it('shows the overview and a knowledge base with a retrieval test, Chinese text intact', async () => {
    await page.goto(`${t.url}/dashboard/#/`);
    await page.locator('.card').first().waitFor();
    expect(await page.locator('.cards').innerText()).toContain('completed, last hour');
    await page.locator('.pill.up').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'overview.png') });

    await page.goto(`${t.url}/dashboard/#/collections`);
    await page.locator('tr.row', { hasText: kb }).click();
    await page.fill('#search input[name=query]', 'alpha 参数');
    await page.click('#search button');
    await page.locator('#hits tbody tr').first().waitFor();
    expect(await page.locator('#hits').innerText()).toContain('混合检索');
    await page.screenshot({ path: join(SHOTS, 'collections.png'), fullPage: true });
  });

  it('lists schedules with next and recent runs; runs, pauses, creates and deletes them', async () => {
    const question = `每周检索 alpha (${randomUUID().slice(0, 4)})`;
    const made = await call(t.url, 'POST', '/v1/schedules', {
      task: { question, collection: kb },
      cron: '0 9 * * MON',
      paused: true,
    });
    const row = page.locator(`#schedule-table tr[data-id="${made.body.id}"]`);
    await page.goto(`${t.url}/dashboard/#/schedules`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.locator('[data-state]').innerText()).toBe('paused');
    expect(await row.innerText()).toContain('0 9 * * MON');

    await row.locator('button[data-act="trigger"]').click();
    await row.locator('a.run [data-status="completed"]').waitFor({ timeout: 30_000 });
    await row.locator('button[data-act="resume"]').click();
    await row.locator('[data-state="active"]').waitFor();
    expect(await row.locator('td.next').innerText()).toMatch(/\d/);

    await page.fill('#new-schedule input[name=question]', '检查点由谁保存？');
    await page.fill('#new-schedule input[name=collection]', kb);
    await page.fill('#new-schedule input[name=when]', 'every monday');
    await page.click('#new-schedule button');
    await page.locator('#schedule-error', { hasText: 'is not a valid cron expression' }).waitFor();
    await page.fill('#new-schedule input[name=when]', '0 8 * * *');
    await page.fill('#new-schedule input[name=timezone]', 'Asia/Shanghai');
    await page.click('#new-schedule button');
    const created = page.locator('#schedule-table tr', { hasText: '检查点由谁保存？' });
    await created.waitFor({ timeout: 30_000 });
    expect(await created.innerText()).toContain('Asia/Shanghai');
    await page.screenshot({ path: join(SHOTS, 'schedules.png'), fullPage: true });

    page.once('dialog', (dialog) => void dialog.accept());
    await created.locator('button[data-act="delete"]').click();
    await created.waitFor({ state: 'detached', timeout: 30_000 });
    await row.locator('a.run').first().click();
    await page.locator('#answer').waitFor();
    expect(await page.locator('#answer').innerText()).toContain('alpha');
    await call(t.url, 'DELETE', `/v1/schedules/${made.body.id}`);
  });
});
