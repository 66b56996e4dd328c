// Workflows of the floor reproduction: N sequential no-op calls, as a regular or a local activity.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

const regular = proxyActivities({ startToCloseTimeout: '10 seconds' });
const local = proxyLocalActivities({ startToCloseTimeout: '10 seconds' });

export async function regularCalls(n, sleepMs) {
  for (let i = 0; i < n; i++) await regular.noop(sleepMs);
}

export async function localCalls(n, sleepMs) {
  for (let i = 0; i < n; i++) await local.noop(sleepMs);
}
