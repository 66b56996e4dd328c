import { TASK_STATUS_QUERIES, TaskCounts } from '../../src/metrics/task-counts';

describe('TaskCounts (the /metrics task gauge)', () => {
  let now = 0;
  const fakeCount = () => {
    const calls: string[] = [];
    const count = jest.fn((query: string) => {
      calls.push(query);
      return Promise.resolve(calls.length);
    });
    return { count, calls };
  };

  it('asks visibility once per status for two scrapes within the 10 s window', async () => {
    const { count } = fakeCount();
    const counts = new TaskCounts(count, 10_000, () => now);
    now = 1_000;
    await counts.get();
    now = 10_999;
    const second = await counts.get();
    expect(count).toHaveBeenCalledTimes(TASK_STATUS_QUERIES.length);
    expect([...second.keys()]).toEqual(['running', 'completed', 'failed', 'cancelled']);
    now = 11_000;
    await counts.get();
    expect(count).toHaveBeenCalledTimes(2 * TASK_STATUS_QUERIES.length);
  });

  it('shares one refresh between concurrent scrapes', async () => {
    const { count } = fakeCount();
    const counts = new TaskCounts(count, 10_000, () => now);
    await Promise.all([counts.get(), counts.get(), counts.get()]);
    expect(count).toHaveBeenCalledTimes(TASK_STATUS_QUERIES.length);
  });

  it('keeps the last values and retries at the next scrape while Temporal is down', async () => {
    let down = false;
    const count = jest.fn(() =>
      down ? Promise.reject(new Error('unavailable')) : Promise.resolve(7),
    );
    const counts = new TaskCounts(count, 10_000, () => now);
    now = 0;
    await counts.get();
    down = true;
    now = 20_000;
    expect((await counts.get()).get('running')).toBe(7);
    await counts.get();
    expect(count).toHaveBeenCalledTimes(3 * TASK_STATUS_QUERIES.length);
  });
});
