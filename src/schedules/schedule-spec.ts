import type { ScheduleOverlapPolicy, ScheduleSpec } from '@temporalio/client';
import type { FieldProblem } from '../api/validation.pipe';

/** `every`: a whole number and one unit; Temporal's own interval spec takes the milliseconds. */
export const EVERY_PATTERN = /^[1-9]\d{0,5}(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const OVERLAP_POLICIES = [
  'skip',
  'buffer_one',
  'buffer_all',
  'cancel_other',
  'terminate_other',
  'allow_all',
] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

/** When a schedule runs, as the API takes it and shows it back. */
export interface ScheduleTiming {
  cron?: string;
  every?: string;
  timezone?: string;
}

export function everyMs(every: string): number {
  const match = EVERY_PATTERN.exec(every);
  if (!match) throw new Error(`every "${every}" is not a number and a unit`);
  return Number(every.slice(0, -1)) * UNIT_MS[match[1] as keyof typeof UNIT_MS];
}

function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with a schedule's timing that its shape does not show: exactly one of cron and
 * every, a time zone that exists, a cron expression on one line, an interval no shorter than the
 * server's minimum. The cron grammar itself is Temporal's: the server parses it on create,
 * `specProblem` words its refusal, and `cronGapProblem` checks how often it runs.
 */
export function timingProblems(t: ScheduleTiming, minIntervalSeconds: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (
    t.every !== undefined &&
    EVERY_PATTERN.test(t.every) &&
    everyMs(t.every) < minIntervalSeconds * 1000
  )
    problems.push({
      field: 'every',
      problems: [tooOften(`every "${t.every}"`, minIntervalSeconds)],
    });
  if ((t.cron === undefined) === (t.every === undefined))
    problems.push({ field: 'cron', problems: ['give either cron or every, not both or neither'] });
  if (t.cron !== undefined && (!t.cron.trim() || [...t.cron].some((ch) => ch < ' ')))
    problems.push({ field: 'cron', problems: [`cron "${t.cron}" must be one non-empty line`] });
  if (t.timezone !== undefined && !knownTimeZone(t.timezone))
    problems.push({
      field: 'timezone',
      problems: [`timezone "${t.timezone}" is not an IANA time zone such as Asia/Shanghai or UTC`],
    });
  return problems;
}

/** Temporal's refusal of a spec, as a problem with the field it is about. */
export function specProblem(t: ScheduleTiming, reason: string): FieldProblem {
  if (/time ?zone/i.test(reason))
    return { field: 'timezone', problems: [`timezone "${t.timezone}": ${reason}`] };
  if (t.cron !== undefined)
    return {
      field: 'cron',
      problems: [`cron "${t.cron}" is not a valid cron expression: ${reason}`],
    };
  return { field: 'every', problems: [`every "${t.every}": ${reason}`] };
}

export function tooOften(what: string, minIntervalSeconds: number): string {
  return `${what} runs more often than once every ${minIntervalSeconds} s (QUARRY_SCHEDULE_MIN_INTERVAL_SECONDS)`;
}

/** A cron expression that runs more often than the minimum, judged by Temporal's next run times. */
export function cronGapProblem(
  cron: string,
  nextRuns: Date[],
  minIntervalSeconds: number,
): FieldProblem | undefined {
  const gaps = nextRuns.slice(1).map((t, i) => t.getTime() - nextRuns[i].getTime());
  if (!gaps.length || Math.min(...gaps) >= minIntervalSeconds * 1000) return undefined;
  return { field: 'cron', problems: [tooOften(`cron "${cron}"`, minIntervalSeconds)] };
}

export function temporalSpec(t: ScheduleTiming): ScheduleSpec {
  return {
    ...(t.cron !== undefined
      ? { cronExpressions: [t.cron.trim()] }
      : { intervals: [{ every: everyMs(t.every!) }] }),
    timezone: t.timezone ?? 'UTC',
  };
}

export function temporalOverlap(o: OverlapPolicy | undefined): ScheduleOverlapPolicy {
  return (o ?? 'skip').toUpperCase() as ScheduleOverlapPolicy;
}
