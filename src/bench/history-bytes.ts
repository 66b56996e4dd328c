import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface HistorySize {
  bytes: number;
  events: number;
  /** The largest single payload-carrying event, encoded. */
  largestEventBytes: number;
}

/**
 * What a workflow's history weighs as Temporal stores and sends it: the encoded size of the
 * history read back through the client (what a replay downloads, what the server keeps).
 */
export async function historySize(client: Client, workflowId: string): Promise<HistorySize> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  let largestEventBytes = 0;
  for (const e of events) {
    const size = temporal.api.history.v1.HistoryEvent.encode(e).finish().length;
    if (size > largestEventBytes) largestEventBytes = size;
  }
  return {
    bytes: temporal.api.history.v1.History.encode(history).finish().length,
    events: events.length,
    largestEventBytes,
  };
}
