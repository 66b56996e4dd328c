import { OptimisticTargets } from '../../src/knowledge/store/optimistic-target';
import type { UpsertTarget } from '../../src/knowledge/store/upsert-document';

function target(creationId: string, kbKey = `key-${creationId}`): UpsertTarget {
  return {
    kb: { name: 'docs', embeddingModel: 'm', dimensions: 4 } as UpsertTarget['kb'],
    kbKey,
    chunkCollection: 'Chunks_m_4',
    creationId,
  };
}

/** A lookup whose answer the test releases, to see what runs while it is pending. */
function gatedLookup(value: UpsertTarget | Error) {
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const lookup = jest.fn(async () => {
    await gate;
    if (value instanceof Error) throw value;
    return value;
  });
  return { lookup, release };
}

const keyOf = (t: UpsertTarget) => Promise.resolve(t.kbKey);
const flush = () => new Promise((r) => setImmediate(r));

describe('OptimisticTargets', () => {
  it('looks the target up before the first read of a knowledge base', async () => {
    const targets = new OptimisticTargets();
    const { lookup, release } = gatedLookup(target('a'));
    const read = jest.fn(keyOf);
    const result = targets.run('t', 'docs', lookup, read);
    await flush();
    expect(read).not.toHaveBeenCalled();
    release();
    await expect(result).resolves.toBe('key-a');
  });

  it('reads the last known target while the record is re-read', async () => {
    const targets = new OptimisticTargets();
    await targets.run('t', 'docs', () => Promise.resolve(target('a')), keyOf);
    const { lookup, release } = gatedLookup(target('a'));
    const read = jest.fn(keyOf);
    const result = targets.run('t', 'docs', lookup, read);
    await flush();
    expect(read).toHaveBeenCalledTimes(1);
    release();
    await expect(result).resolves.toBe('key-a');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again on the fresh target when the base was made again', async () => {
    const targets = new OptimisticTargets();
    await targets.run('t', 'docs', () => Promise.resolve(target('a')), keyOf);
    const read = jest.fn(keyOf);
    await expect(targets.run('t', 'docs', () => Promise.resolve(target('b')), read)).resolves.toBe(
      'key-b',
    );
    expect(read.mock.calls.map(([t]) => t.creationId)).toEqual(['a', 'b']);
  });

  it("throws the lookup's error when the base is gone, and forgets it", async () => {
    const targets = new OptimisticTargets();
    await targets.run('t', 'docs', () => Promise.resolve(target('a')), keyOf);
    const gone = new Error('knowledge base "docs" not found');
    const read = jest.fn(keyOf);
    await expect(targets.run('t', 'docs', () => Promise.reject(gone), read)).rejects.toBe(gone);
    const { lookup, release } = gatedLookup(target('c'));
    const next = targets.run('t', 'docs', lookup, read);
    await flush();
    expect(read).toHaveBeenCalledTimes(1);
    release();
    await expect(next).resolves.toBe('key-c');
  });

  it("throws a read's error only when the record confirms the target it ran on", async () => {
    const targets = new OptimisticTargets();
    await targets.run('t', 'docs', () => Promise.resolve(target('a')), keyOf);
    const failOnA = (t: UpsertTarget) =>
      t.creationId === 'a'
        ? Promise.reject(new Error('query vector has the wrong model'))
        : Promise.resolve(t.kbKey);
    await expect(
      targets.run('t', 'docs', () => Promise.resolve(target('b')), failOnA),
    ).resolves.toBe('key-b');
    const failAlways = () => Promise.reject(new Error('bad query'));
    await expect(
      targets.run('t', 'docs', () => Promise.resolve(target('b')), failAlways),
    ).rejects.toThrow('bad query');
  });

  it('keeps knowledge bases of different tenants apart', async () => {
    const targets = new OptimisticTargets();
    await targets.run('t1', 'docs', () => Promise.resolve(target('a')), keyOf);
    const read = jest.fn(keyOf);
    const { lookup, release } = gatedLookup(target('z'));
    const result = targets.run('t2', 'docs', lookup, read);
    await flush();
    expect(read).not.toHaveBeenCalled();
    release();
    await expect(result).resolves.toBe('key-z');
  });
});
