import { Client, Connection } from '@temporalio/client';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import weaviate from 'weaviate-client';
import { LocalStack, type StackEndpoints } from '../../src/stack/local-stack';

function stackOn(dataDir: string): LocalStack {
  return new LocalStack({
    dataDir,
    namespace: 'quarry',
    external: {},
    binaries: () =>
      Promise.resolve({
        temporal: process.env.QUARRY_TEMPORAL_BIN,
        weaviate: process.env.QUARRY_WEAVIATE_BIN,
      }),
    ui: false,
  });
}

async function weaviateClient(e: StackEndpoints) {
  const http = new URL(e.weaviate.url);
  const grpc = new URL(e.weaviate.grpcUrl);
  return weaviate.connectToCustom({
    httpHost: http.hostname,
    httpPort: Number(http.port),
    grpcHost: grpc.hostname,
    grpcPort: Number(grpc.port),
    authCredentials: new weaviate.ApiKey(e.weaviate.apiKey!),
  });
}

describe('LocalStack (a second stack beside the suite’s own)', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'quarry-stack-')), 'data');
  let stack: LocalStack | undefined;
  afterAll(async () => stack?.stop());

  it('starts beside another stack, keeps Weaviate and Temporal data across a restart, and reuses its ports', async () => {
    stack = stackOn(dataDir);
    const first = await stack.start();
    expect(first.temporal.address).not.toBe(process.env.TEMPORAL_ADDRESS);
    expect(first.weaviate.url).not.toBe(process.env.WEAVIATE_URL);

    // Anonymous access is off: the key is required.
    const anonymous = await fetch(`${first.weaviate.url}/v1/schema`);
    expect(anonymous.status).toBe(401);

    const wv = await weaviateClient(first);
    await wv.collections.create({ name: 'RestartProbe' });
    await wv.collections
      .get('RestartProbe')
      .data.insert({ properties: { note: '重启后仍在 / still here' } });
    await wv.close();

    const connection = await Connection.connect({ address: first.temporal.address });
    const client = new Client({ connection, namespace: 'quarry' });
    await client.workflow.start('neverRunWorkflow', {
      taskQueue: 'nobody-polls',
      workflowId: 'restart-probe',
    });
    await connection.close();

    await stack.stop();
    stack = stackOn(dataDir);
    const second = await stack.start();
    expect(second).toEqual(first);

    const wv2 = await weaviateClient(second);
    const objects = await wv2.collections.get('RestartProbe').query.fetchObjects();
    expect(objects.objects.map((o) => o.properties.note)).toEqual(['重启后仍在 / still here']);
    await wv2.close();

    const connection2 = await Connection.connect({ address: second.temporal.address });
    const description = await new Client({ connection: connection2, namespace: 'quarry' }).workflow
      .getHandle('restart-probe')
      .describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.searchAttributes).toBeDefined();
    await connection2.close();

    const state = JSON.parse(readFileSync(join(dataDir, 'stack.json'), 'utf8')) as {
      weaviateApiKey: string;
    };
    expect(state.weaviateApiKey).toBe(second.weaviate.apiKey);
  });

  it('refuses a second stack on the same data folder', async () => {
    const intruder = stackOn(dataDir);
    await expect(intruder.start()).rejects.toThrow(/Another Quarry stack .* is using/);
  });

  it('registers Quarry’s search attributes on its namespace', async () => {
    const connection = await Connection.connect({ address: stack!.endpoints!.temporal.address });
    const res = await connection.operatorService.listSearchAttributes({ namespace: 'quarry' });
    await connection.close();
    expect(Object.keys(res.customAttributes ?? {})).toEqual(
      expect.arrayContaining([
        'QuarryTenant',
        'QuarryCollection',
        'QuarryMode',
        'QuarryStatus',
        'QuarryQuestion',
      ]),
    );
  });
});
