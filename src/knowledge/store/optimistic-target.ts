import type { UpsertTarget } from './upsert-document';

const MAX_REMEMBERED = 1000;

/**
 * Runs a read against the knowledge base's last known target while its record is re-read, so a
 * search pays for one Weaviate round trip instead of two in a row. The record still decides: when
 * it names another creation (the base was deleted and made again) or is gone, the speculative
 * result is dropped and the read runs again on the fresh target, or the lookup's error is thrown.
 */
export class OptimisticTargets {
  private readonly known = new Map<string, UpsertTarget>();

  async run<T>(
    tenant: string,
    kbName: string,
    lookup: () => Promise<UpsertTarget>,
    read: (target: UpsertTarget) => Promise<T>,
  ): Promise<T> {
    const key = JSON.stringify([tenant, kbName]);
    const guess = this.known.get(key);
    if (!guess) {
      const target = await this.remembered(key, lookup);
      return read(target);
    }
    // Started on a later tick so that a read failing at once still waits for the record's verdict.
    const speculative = Promise.resolve(guess)
      .then(read)
      .then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    let target: UpsertTarget;
    try {
      target = await this.remembered(key, lookup);
    } catch (err) {
      await speculative;
      throw err;
    }
    if (!sameTarget(guess, target)) {
      await speculative;
      return read(target);
    }
    const outcome = await speculative;
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }

  private async remembered(
    key: string,
    lookup: () => Promise<UpsertTarget>,
  ): Promise<UpsertTarget> {
    try {
      const target = await lookup();
      this.known.delete(key);
      if (this.known.size >= MAX_REMEMBERED) {
        this.known.delete(this.known.keys().next().value as string);
      }
      this.known.set(key, target);
      return target;
    } catch (err) {
      this.known.delete(key);
      throw err;
    }
  }
}

function sameTarget(a: UpsertTarget, b: UpsertTarget): boolean {
  return (
    a.creationId === b.creationId &&
    a.kbKey === b.kbKey &&
    a.chunkCollection === b.chunkCollection &&
    a.kb.embeddingModel === b.kb.embeddingModel &&
    a.kb.dimensions === b.kb.dimensions
  );
}
