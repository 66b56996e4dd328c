import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** One call an agent workflow made: a regular activity, or a local one recorded as a marker. */
export interface RecordedCall {
  type: string;
  attempt: number;
  local: boolean;
}

/** What the SDK writes into a local activity's marker (its first payload, JSON). */
function localCall(event: HistoryEvent): RecordedCall | undefined {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== 'core_local_activity') return undefined;
  const data = marker.details?.data?.payloads?.[0]?.data;
  if (!data) return undefined;
  const parsed = JSON.parse(Buffer.from(data).toString('utf8')) as {
    activity_type?: string;
    attempt?: number;
  };
  return { type: parsed.activity_type ?? '', attempt: parsed.attempt ?? 1, local: true };
}

/**
 * The calls of a history in order: a regular activity by its scheduled event (attempt from its
 * started event, which history keeps for the last attempt), a local one by its marker.
 */
export function recordedCalls(events: readonly HistoryEvent[]): RecordedCall[] {
  const attempts = new Map<string, number>();
  for (const e of events) {
    const started = e.activityTaskStartedEventAttributes;
    if (started) attempts.set(String(started.scheduledEventId), started.attempt ?? 1);
  }
  const calls: RecordedCall[] = [];
  for (const e of events) {
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) {
      calls.push({
        type: scheduled.activityType?.name ?? '',
        attempt: attempts.get(String(e.eventId)) ?? 0,
        local: false,
      });
      continue;
    }
    const local = localCall(e);
    if (local) calls.push(local);
  }
  return calls;
}
