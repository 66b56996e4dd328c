import type { WeaviateClient } from 'weaviate-client';

/** Holds the first chunk write until the test lets it go: a race, replayed in a chosen order. */
export class Gate {
  private reach!: () => void;
  private open!: () => void;
  private passed = false;
  /** Resolves when a write has come to the gate. */
  readonly reached = new Promise<void>((resolve) => (this.reach = resolve));
  private readonly opened = new Promise<void>((resolve) => (this.open = resolve));

  release(): void {
    this.open();
  }

  async pass(): Promise<void> {
    if (this.passed) return this.opened;
    this.passed = true;
    this.reach();
    return this.opened;
  }
}

/**
 * The real Weaviate client, except that inserts into chunk collections wait at the gate first:
 * an upsert can be stopped after it has read the knowledge base and before it writes.
 */
export function gatedWeaviate(client: WeaviateClient, gate: Gate): WeaviateClient {
  const gateData = <T extends object>(data: T): T =>
    new Proxy(data, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if ((prop !== 'insert' && prop !== 'insertMany') || typeof value !== 'function')
          return value;
        return async (...args: unknown[]) => {
          await gate.pass();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const gateCollection = <T extends object>(collection: T): T =>
    new Proxy(collection, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (prop === 'data' && typeof value === 'object' && value !== null) return gateData(value);
        if (prop === 'withTenant' && typeof value === 'function') {
          return (...args: unknown[]) =>
            gateCollection((value as (...a: unknown[]) => object).apply(target, args));
        }
        return value;
      },
    });
  const collections = new Proxy(client.collections, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== 'use' || typeof value !== 'function') return value;
      return (name: string, ...rest: unknown[]) => {
        const collection = (value as (...a: unknown[]) => object).apply(target, [name, ...rest]);
        return name.startsWith('QuarryChunk_') ? gateCollection(collection) : collection;
      };
    },
  });
  return new Proxy(client, {
    get(target, prop, receiver) {
      return prop === 'collections'
        ? collections
        : (Reflect.get(target, prop, receiver) as unknown);
    },
  });
}
