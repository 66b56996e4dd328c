import {
  cronGapProblem,
  everyMs,
  specProblem,
  temporalOverlap,
  temporalSpec,
  timingProblems,
} from '../../src/schedules/schedule-spec';
import { newScheduleId, SCHEDULE_ID } from '../../src/schedules/schedule-id';
import { taskListQuery } from '../../src/tasks/task-query';

describe('schedule timing', () => {
  it('takes exactly one of cron and every, a one-line cron, and a real time zone', () => {
    expect(timingProblems({ cron: '0 9 * * MON', timezone: 'Asia/Shanghai' }, 1)).toEqual([]);
    expect(timingProblems({ every: '6h' }, 1)).toEqual([]);
    expect(timingProblems({}, 1)[0]).toEqual({
      field: 'cron',
      problems: ['give either cron or every, not both or neither'],
    });
    expect(timingProblems({ cron: '* * * * *', every: '1m' }, 1)).toHaveLength(1);
    expect(timingProblems({ cron: '0 9 * * *\n0 10 * * *' }, 1)[0].problems[0]).toContain(
      'must be one non-empty line',
    );
    expect(timingProblems({ every: '1h', timezone: 'Mars/Base' }, 1)).toEqual([
      {
        field: 'timezone',
        problems: ['timezone "Mars/Base" is not an IANA time zone such as Asia/Shanghai or UTC'],
      },
    ]);
  });

  it('refuses timing that runs more often than the minimum interval', () => {
    expect(timingProblems({ every: '30s' }, 60)).toEqual([
      {
        field: 'every',
        problems: [
          'every "30s" runs more often than once every 60 s (QUARRY_SCHEDULE_MIN_INTERVAL_SECONDS)',
        ],
      },
    ]);
    expect(timingProblems({ every: '1m' }, 60)).toEqual([]);
    const at = (...seconds: number[]) =>
      seconds.map((s) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)));
    expect(cronGapProblem('*/10 * * * * *', at(0, 10, 20), 60)?.problems[0]).toBe(
      'cron "*/10 * * * * *" runs more often than once every 60 s (QUARRY_SCHEDULE_MIN_INTERVAL_SECONDS)',
    );
    expect(cronGapProblem('0 * * * *', at(0, 3600 - 1), 60)).toBeUndefined();
    expect(cronGapProblem('0 0 1 1 * 2030', at(0), 60)).toBeUndefined();
  });

  it('words Temporal’s refusal of a spec under the field it is about', () => {
    expect(specProblem({ cron: 'bogus' }, 'CronString does not have 5-7 fields')).toEqual({
      field: 'cron',
      problems: [
        'cron "bogus" is not a valid cron expression: CronString does not have 5-7 fields',
      ],
    });
    expect(specProblem({ every: '1h', timezone: 'X' }, 'unknown time zone X').field).toBe(
      'timezone',
    );
  });

  it('builds Temporal’s spec and overlap policy', () => {
    expect(everyMs('90s')).toBe(90_000);
    expect(everyMs('2d')).toBe(172_800_000);
    expect(() => everyMs('0s')).toThrow();
    expect(temporalSpec({ every: '15m' })).toEqual({
      intervals: [{ every: 900_000 }],
      timezone: 'UTC',
    });
    expect(temporalSpec({ cron: ' 0 9 * * MON ', timezone: 'Europe/Paris' })).toEqual({
      cronExpressions: ['0 9 * * MON'],
      timezone: 'Europe/Paris',
    });
    expect(temporalOverlap(undefined)).toBe('SKIP');
    expect(temporalOverlap('buffer_one')).toBe('BUFFER_ONE');
  });

  it('gives a retried create the same id per tenant and key, and filters runs by schedule', () => {
    expect(newScheduleId('a', 'k')).toBe(newScheduleId('a', 'k'));
    expect(newScheduleId('b', 'k')).not.toBe(newScheduleId('a', 'k'));
    expect(newScheduleId('a')).toMatch(SCHEDULE_ID);
    expect(newScheduleId('a', 'k')).toMatch(SCHEDULE_ID);
    expect(taskListQuery('t', { schedule: "sched-x' OR 1=1" })).toContain(
      "TemporalScheduledById = 'sched-x\\' OR 1=1'",
    );
    expect(taskListQuery('t', {})).not.toContain('TemporalScheduledById');
  });
});
