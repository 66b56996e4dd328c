import { Connection } from '@temporalio/client';
import { google, temporal } from '@temporalio/proto';
import { setTimeout as sleep } from 'node:timers/promises';
import { QUARRY_SEARCH_ATTRIBUTES } from '../../temporal/search-attributes';

const TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Text: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
};

async function until<T>(what: string, attempt: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(err as Error).message}`);
      await sleep(500);
    }
  }
}

/**
 * What the dev server's `--namespace` and `--search-attribute` flags do, for a real server: the
 * namespace (30 days' retention, as in docker-compose) and Quarry's search attributes, added only
 * when missing. Returns once a visibility query over them is accepted, i.e. tasks can be started
 * and listed: a new namespace reaches the frontend's cache some seconds after it is created.
 */
export async function ensureNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const { workflowService: wf, operatorService: op } = connection;
    const exists = await wf.describeNamespace({ namespace }).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await wf
        .registerNamespace({
          namespace,
          description: 'Quarry research agents',
          workflowExecutionRetentionPeriod: google.protobuf.Duration.fromObject({
            seconds: 30 * 24 * 60 * 60,
          }),
        })
        .catch((err: Error) => {
          if (!/already exists/i.test(err.message)) throw err;
        });
    }
    const listed = await until(
      `namespace ${namespace} did not become usable`,
      () => op.listSearchAttributes({ namespace }),
      60_000,
    );
    const have = new Set(Object.keys(listed.customAttributes ?? {}));
    const missing = Object.entries(QUARRY_SEARCH_ATTRIBUTES).filter(([name]) => !have.has(name));
    if (missing.length) {
      await op.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, TYPES[type]])),
      });
    }
    const probe = Object.keys(QUARRY_SEARCH_ATTRIBUTES)
      .map((name) => `${name} = 'ready-probe'`)
      .join(' AND ');
    await until(
      `Quarry's search attributes are not usable on ${namespace}`,
      () => wf.countWorkflowExecutions({ namespace, query: probe }),
      60_000,
    );
  } finally {
    await connection.close();
  }
}
