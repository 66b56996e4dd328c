import { rmSync } from 'node:fs';
import type { LocalStack } from '../../src/stack/local-stack';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { __quarryStack?: LocalStack }).__quarryStack;
  await stack?.stop();
  const root = process.env.QUARRY_TEST_ROOT;
  if (root && !process.env.QUARRY_KEEP_TEST_DATA) rmSync(root, { recursive: true, force: true });
}
