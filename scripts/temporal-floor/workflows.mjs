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

// Each call carries a JSON value of about `bytes` both ways, as an agent step carries its checkpoint.
const carried = (bytes) => ({
  values: Array.from({ length: bytes >> 6 }, (_, i) => `chunk-${i}-`.padEnd(56, 'x')),
});

export async function payloadCalls(n, sleepMs) {
  let state = carried(6144);
  for (let i = 0; i < n; i++) state = await regular.echo(sleepMs, state);
}

export async function localPayloadCalls(n, sleepMs) {
  let state = carried(6144);
  for (let i = 0; i < n; i++) state = await local.echo(sleepMs, state);
}

// No call at all: what starting, completing and reading a workflow costs by itself.
export async function noCalls() {}
