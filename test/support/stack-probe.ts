import { Client, Connection } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import weaviate from 'weaviate-client';
import { procInfo } from '../../src/stack/proc-info';
import { SERVER_LOCK_FILE, type ServerRecord } from '../../src/stack/server-lock';
import type { StackState } from '../../src/stack/stack-state';

/** Reads what a local stack left in its data folder: ports, key, and each server's lock. */
export function stackState(dataDir: string): Required<StackState> {
  return JSON.parse(readFileSync(join(dataDir, 'stack.json'), 'utf8')) as Required<StackState>;
}

export function serverPid(serverDir: string): number {
  const rec = JSON.parse(readFileSync(join(serverDir, SERVER_LOCK_FILE), 'utf8')) as ServerRecord;
  if (!rec.pid) throw new Error(`no pid recorded in ${serverDir}`);
  return rec.pid;
}

/** Polls until none of `pids` runs (zombies count as gone); false after `ms`. */
export async function allGone(pids: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (pids.every((p) => procInfo(p) === undefined)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function weaviateOf(state: Required<StackState>) {
  return weaviate.connectToCustom({
    httpHost: '127.0.0.1',
    httpPort: state.weaviatePorts.http,
    grpcHost: '127.0.0.1',
    grpcPort: state.weaviatePorts.grpc,
    authCredentials: new weaviate.ApiKey(state.weaviateApiKey),
  });
}

/** Writes one Weaviate object and starts one workflow that nobody runs: data to find again. */
export async function writeProbe(dataDir: string, note: string): Promise<void> {
  const state = stackState(dataDir);
  const wv = await weaviateOf(state);
  await wv.collections.create({ name: 'CrashProbe' });
  await wv.collections.get('CrashProbe').data.insert({ properties: { note } });
  await wv.close();
  const connection = await Connection.connect({
    address: `127.0.0.1:${state.temporalPorts.grpc}`,
  });
  await new Client({ connection, namespace: 'quarry' }).workflow.start('neverRunWorkflow', {
    taskQueue: 'nobody-polls',
    workflowId: 'crash-probe',
  });
  await connection.close();
}

/** What `writeProbe` wrote, read back: the notes and the workflow's status. */
export async function readProbe(dataDir: string): Promise<{ notes: unknown[]; workflow: string }> {
  const state = stackState(dataDir);
  const wv = await weaviateOf(state);
  const objects = await wv.collections.get('CrashProbe').query.fetchObjects();
  await wv.close();
  const connection = await Connection.connect({
    address: `127.0.0.1:${state.temporalPorts.grpc}`,
  });
  const d = await new Client({ connection, namespace: 'quarry' }).workflow
    .getHandle('crash-probe')
    .describe();
  await connection.close();
  return { notes: objects.objects.map((o) => o.properties.note), workflow: d.status.name };
}
