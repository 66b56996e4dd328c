import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Staging, type StagedFile } from '../../src/knowledge/ingest/staging';
import { FolderStaging } from '../../src/knowledge/ingest/staging-folder';
import { PostgresStaging, STAGING_CHUNK_BYTES } from '../../src/knowledge/ingest/staging-postgres';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';

const MB = 1024 * 1024;
const job = () => `ingest-${randomUUID()}`;
const bytesOf = async (staging: Staging, file: StagedFile) =>
  Buffer.from((await staging.read(file)).bytes);

/** Streams `total` random bytes in pieces of `piece`, failing after `failAt` bytes if set. */
function source(data: Buffer, piece: number, failAt?: number): Readable {
  let at = 0;
  return new Readable({
    read() {
      if (failAt !== undefined && at >= failAt) return this.destroy(new Error('client went away'));
      if (at >= data.length) return this.push(null);
      this.push(data.subarray(at, at + piece));
      at += piece;
    },
  });
}

let pg: PrivatePostgres | undefined;
const stores: Record<string, () => Staging> = {
  folder: () => new FolderStaging(mkdtempSync(join(tmpdir(), 'quarry-staging-'))),
};
const opened: PostgresStaging[] = [];
const postgres = (database = 'quarry_staging') => {
  if (!pg) throw new Error('no PostgreSQL');
  const store = new PostgresStaging(pg.url(database));
  opened.push(store);
  return store;
};

beforeAll(async () => {
  pg = await startPrivatePostgres();
}, 120_000);
afterAll(async () => {
  await Promise.all(opened.map((s) => s.onModuleDestroy()));
  await pg?.stop();
}, 60_000);

it('finds a PostgreSQL to run the contract on where `quarry setup --stack production` installed one', () => {
  const installed = ['15', '16', '17'].some((v) =>
    existsSync(`/usr/lib/postgresql/${v}/bin/postgres`),
  );
  expect(Boolean(pg)).toBe(installed || Boolean(process.env.QUARRY_POSTGRES_BIN_DIR));
});

describe.each(['folder', 'postgres'])('the %s staging store', (kind) => {
  const make = () => (kind === 'postgres' ? postgres() : stores.folder());
  // Each case reports nothing where PostgreSQL is missing (the case above says whether it should be).
  const run = (name: string, fn: (s: Staging) => Promise<void>) =>
    it(name, async () => {
      if (kind === 'postgres' && !pg) return;
      await fn(make());
    });

  run(
    'gives back exactly what was staged: an empty file, a small one, one of several pieces',
    async (s) => {
      const id = job();
      const big = randomBytes(2 * MB + 12345);
      const files = await s.stage(id, [
        { source: 'empty.txt', bytes: new Uint8Array(0) },
        { source: 'a.md', bytes: Buffer.from('# A\n\ntext'), metadata: { lang: 'en' } },
        { source: 'big.pdf', bytes: big, contentType: 'application/pdf' },
      ]);
      expect(files.map((f) => [f.source, f.bytes])).toEqual([
        ['empty.txt', 0],
        ['a.md', 9],
        ['big.pdf', big.length],
      ]);
      expect((await bytesOf(s, files[0])).length).toBe(0);
      expect((await bytesOf(s, files[1])).toString()).toBe('# A\n\ntext');
      expect((await bytesOf(s, files[2])).equals(big)).toBe(true);
      const read = await s.read(files[1]);
      expect(read).toMatchObject({ source: 'a.md', metadata: { lang: 'en' } });
      await s.remove(id);
    },
  );

  run(
    'streams a file in as it arrives, in small writes, and refuses to write it twice',
    async (s) => {
      const id = job();
      await s.open(id);
      const data = randomBytes(MB + 777);
      const w = s.writer(id, 0);
      await pipeline(source(data, 16 * 1024), w.stream);
      const file = { source: 'x.bin', path: w.path, bytes: data.length, docHash: '' };
      expect((await bytesOf(s, file)).equals(data)).toBe(true);
      await expect(pipeline(source(data, 1024), s.writer(id, 0).stream)).rejects.toThrow();
      expect((await bytesOf(s, file)).equals(data)).toBe(true);
      await s.remove(id);
    },
  );

  run('keeps nothing of a job whose upload failed half-way once the job is removed', async (s) => {
    const id = job();
    await s.open(id);
    const whole = await s.stage(id, [{ source: 'ok.txt', bytes: Buffer.from('fine') }]);
    const w = s.writer(id, 1);
    await expect(
      pipeline(source(randomBytes(3 * MB), 64 * 1024, 2.5 * MB), w.stream),
    ).rejects.toThrow('client went away');
    await s.remove(id);
    expect(await s.jobsBefore(new Date(Date.now() + 60_000))).not.toContain(id);
    await expect(s.read(whole[0])).rejects.toThrow();
    await expect(
      s.read({ source: 'half.bin', path: w.path, bytes: 3 * MB, docHash: '' }),
    ).rejects.toThrow();
  });

  run('removes one file, one job, and nothing of the others', async (s) => {
    const [a, b] = [job(), job()];
    const fa = await s.stage(a, [
      { source: '1.txt', bytes: Buffer.from('one') },
      { source: '2.txt', bytes: Buffer.from('two') },
    ]);
    const fb = await s.stage(b, [{ source: '3.txt', bytes: Buffer.from('three') }]);
    await s.removeFile(fa[0].path);
    await expect(s.read(fa[0])).rejects.toThrow();
    expect((await bytesOf(s, fa[1])).toString()).toBe('two');
    await s.remove(a);
    await s.remove(a);
    await s.remove(job());
    await expect(s.read(fa[1])).rejects.toThrow();
    expect((await bytesOf(s, fb[0])).toString()).toBe('three');
    await s.remove(b);
  });

  run(
    'lists as sweepable only the jobs whose data last changed before the given time',
    async (s) => {
      const id = job();
      await s.stage(id, [{ source: 'a.txt', bytes: Buffer.from('a') }]);
      expect(await s.jobsBefore(new Date(Date.now() - 60_000))).not.toContain(id);
      expect(await s.jobsBefore(new Date(Date.now() + 60_000))).toContain(id);
      await s.remove(id);
      expect(await s.jobsBefore(new Date(Date.now() + 60_000))).not.toContain(id);
    },
  );

  run('says so when a staged file holds other than the bytes the record names', async (s) => {
    const id = job();
    const [f] = await s.stage(id, [{ source: 'a.txt', bytes: Buffer.from('abc') }]);
    await expect(s.read({ ...f, bytes: 5 })).rejects.toThrow('holds 3 bytes, not the 5 staged');
    await expect(s.read({ ...f, bytes: 2 })).rejects.toThrow('holds 3 bytes, not the 2 staged');
    await s.remove(id);
  });

  run('refuses a job id that could name another place', async (s) => {
    await expect(s.open('../etc')).rejects.toThrow('invalid job id');
    expect(() => s.writer('a/b', 0)).toThrow('invalid job id');
  });
});

describe('PostgreSQL staging', () => {
  it('stores a file as pieces of at most 1 MB, one row each, readable by another process', async () => {
    if (!pg) return;
    const writer = postgres();
    const id = job();
    const data = randomBytes(3 * MB + 1);
    const [file] = await writer.stage(id, [{ source: 'big.pdf', bytes: data }]);
    expect(await writer.rowCount(id)).toBe(4);
    // Another pool on the same database stands for a worker on another host.
    const reader = postgres();
    const sizes: number[] = [];
    for await (const piece of reader.chunks(file)) sizes.push(piece.byteLength);
    expect(sizes).toEqual([STAGING_CHUNK_BYTES, STAGING_CHUNK_BYTES, STAGING_CHUNK_BYTES, 1]);
    expect((await bytesOf(reader, file)).equals(data)).toBe(true);
    await reader.remove(id);
    expect(await writer.rowCount(id)).toBe(0);
  });

  it('creates its database on first use, once, when several processes start together', async () => {
    if (!pg) return;
    const name = `staging_${randomUUID().slice(0, 8)}`;
    const many = [postgres(name), postgres(name), postgres(name)];
    const ids = many.map(() => job());
    await Promise.all(
      many.map((s, i) => s.stage(ids[i], [{ source: 'a.txt', bytes: Buffer.from(`x${i}`) }])),
    );
    expect(await many[0].rowCount()).toBe(3);
    expect((await many[0].jobsBefore(new Date(Date.now() + 60_000))).sort()).toEqual(ids.sort());
  });

  it('names a file that is not one of its own', async () => {
    if (!pg) return;
    await expect(
      postgres().read({ source: 'a', path: '/tmp/x/00000.bin', bytes: 1, docHash: '' }),
    ).rejects.toThrow('is not a file staged in PostgreSQL');
  });
});
