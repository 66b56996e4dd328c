const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task of the same key in this process has settled. Weaviate has
 * no conditional write (two concurrent inserts of one id both succeed), so check-then-create
 * sequences are serialized here; module-level so every store instance in the process shares it.
 */
export async function withKeyedLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
