import { LocalStack, type LocalStackOptions } from '../../src/stack/local-stack';

/**
 * A stack of its own for tests that stop and restart servers, so the suite's shared stack (used by
 * test files running in parallel) is never touched. `external` names a server it must not start.
 */
export function privateStack(
  dataDir: string,
  external: LocalStackOptions['external'] = {},
  log?: (line: string) => void,
): LocalStack {
  return new LocalStack({
    dataDir,
    namespace: 'quarry',
    external,
    binaries: () =>
      Promise.resolve({
        temporal: process.env.QUARRY_TEMPORAL_BIN,
        weaviate: process.env.QUARRY_WEAVIATE_BIN,
      }),
    ui: false,
    log,
  });
}
