import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import { ApiError } from '../../src/api/api-error';
import type { QuarryConfig } from '../../src/config/config';
import type { TemporalClientService } from '../../src/temporal/temporal-client.service';
import { EventStreamCap } from '../../src/tasks/event-stream-cap';
import { RUNNING_COUNT_TTL_MS, RunningTaskCap } from '../../src/tasks/running-task-cap';

const config = (access: Partial<QuarryConfig['access']>) =>
  ({
    access: { maxEventStreamsPerTenant: 20, maxRunningTasksPerTenant: 20, ...access },
  }) as QuarryConfig;

function fakeTemporal(open: () => number) {
  const count = jest.fn(async (query: string) => {
    await new Promise((r) => setImmediate(r));
    return { count: open(), query };
  });
  return {
    count,
    temporal: { client: { workflow: { count } } } as unknown as TemporalClientService,
  };
}

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (err) {
    return (err as ApiError).getStatus();
  }
}

describe('RunningTaskCap', () => {
  afterEach(() => jest.useRealTimers());

  it('counts the tenant’s open tasks in visibility and answers 429 past the bound', async () => {
    const { count, temporal } = fakeTemporal(() => 2);
    const cap = new RunningTaskCap(config({ maxRunningTasksPerTenant: 3 }), temporal);
    await cap.reserve('acme');
    const refused = await cap.reserve('acme').catch((e: ApiError) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).getStatus()).toBe(429);
    expect(JSON.stringify((refused as ApiError).getResponse())).toContain(
      'QUARRY_MAX_RUNNING_TASKS_PER_TENANT',
    );
    expect(count).toHaveBeenCalledTimes(1);
    expect(count.mock.calls[0][0]).toContain("QuarryTenant = 'acme'");
    expect(count.mock.calls[0][0]).toContain("ExecutionStatus IN ('Running')");
  });

  it('lets concurrent starts see each other: exactly the free slots are taken', async () => {
    const { count, temporal } = fakeTemporal(() => 0);
    const cap = new RunningTaskCap(config({ maxRunningTasksPerTenant: 5 }), temporal);
    const results = await Promise.all(Array.from({ length: 8 }, () => status(cap.reserve('a'))));
    expect(results.filter((s) => s === 0)).toHaveLength(5);
    expect(results.filter((s) => s === 429)).toHaveLength(3);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('gives a slot back when the start fails, once', async () => {
    const { temporal } = fakeTemporal(() => 0);
    const cap = new RunningTaskCap(config({ maxRunningTasksPerTenant: 1 }), temporal);
    const release = await cap.reserve('a');
    expect(await status(cap.reserve('a'))).toBe(429);
    release();
    release();
    expect(await status(cap.reserve('a'))).toBe(0);
    expect(await status(cap.reserve('a'))).toBe(429);
  });

  it('keeps tenants apart and counts again after the cache expires', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    let open = 1;
    const { count, temporal } = fakeTemporal(() => open);
    const cap = new RunningTaskCap(config({ maxRunningTasksPerTenant: 1 }), temporal);
    expect(await status(cap.reserve('a'))).toBe(429);
    expect(await status(cap.reserve('b'))).toBe(429);
    open = 0; // a task ended
    expect(await status(cap.reserve('a'))).toBe(429); // still the cached count
    jest.advanceTimersByTime(RUNNING_COUNT_TTL_MS);
    expect(await status(cap.reserve('a'))).toBe(0);
    expect(count).toHaveBeenCalledTimes(3);
  });

  it('does not count at all when the bound is off (0)', async () => {
    const { count, temporal } = fakeTemporal(() => 1000);
    const cap = new RunningTaskCap(config({ maxRunningTasksPerTenant: 0 }), temporal);
    expect(await status(cap.reserve('a'))).toBe(0);
    expect(count).not.toHaveBeenCalled();
  });
});

describe('EventStreamCap', () => {
  const response = () => new EventEmitter() as unknown as Response & EventEmitter;

  it('holds a slot per open stream, refuses past the cap with a retry time, frees on close', () => {
    const cap = new EventStreamCap(config({ maxEventStreamsPerTenant: 2 }));
    const [r1, r2] = [response(), response()];
    cap.acquire('a', r1);
    cap.acquire('a', r2);
    cap.acquire('b', response());
    let refused: ApiError | undefined;
    try {
      cap.acquire('a', response());
    } catch (err) {
      refused = err as ApiError;
    }
    expect(refused?.getStatus()).toBe(429);
    expect(refused?.getResponse()).toMatchObject({
      error: {
        message: expect.stringContaining('QUARRY_MAX_EVENT_STREAMS_PER_TENANT'),
        details: { limit: 2, retryAfterSeconds: expect.any(Number) },
      },
    });
    r1.emit('close');
    r1.emit('close');
    expect(cap.held('a')).toBe(1);
    cap.acquire('a', response());
    expect(cap.held('a')).toBe(2);
  });
});
