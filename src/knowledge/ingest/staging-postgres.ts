import { Pool, type PoolConfig } from 'pg';
import { Writable } from 'node:stream';
import { ensureStagingDatabase } from './staging-postgres-schema';
import { safeJobId, Staging, type StagedFile, type StagingWriter } from './staging';

/** The size of one stored piece: a 50 MB upload is 50 rows, and no query carries more than one. */
export const STAGING_CHUNK_BYTES = 1024 * 1024;

/**
 * Staging in PostgreSQL (QUARRY_STAGING_DATABASE_URL; the production stack and docker-compose
 * use the PostgreSQL that Temporal runs on, in a database of its own): workers on any host read
 * what the API staged. Files stream in and out in pieces of STAGING_CHUNK_BYTES, one row each.
 */
export class PostgresStaging extends Staging {
  private readonly pool: Pool;
  private ready?: Promise<void>;

  constructor(
    private readonly url: string,
    pool: PoolConfig = {},
  ) {
    super();
    this.pool = new Pool({ connectionString: url, max: 4, ...pool });
    // An idle connection dropped by the server must not crash the process.
    this.pool.on('error', () => undefined);
  }

  /** The database and its table, made on first use (by whichever process comes first). */
  private schema(): Promise<void> {
    this.ready ??= ensureStagingDatabase(this.url, this.pool).catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  async open(jobId: string): Promise<void> {
    safeJobId(jobId);
    await this.schema();
  }

  writer(jobId: string, index: number): StagingWriter {
    return {
      path: `${safeJobId(jobId)}/${index}`,
      stream: new ChunkWriter(async (seq, data) => {
        await this.schema();
        await this.pool.query(
          'INSERT INTO staged_chunks (job_id, file_index, seq, data) VALUES ($1, $2, $3, $4)',
          [jobId, index, seq, data],
        );
      }),
    };
  }

  async *chunks(file: StagedFile): AsyncIterable<Uint8Array> {
    const { jobId, index } = parsePath(file.path);
    await this.schema();
    for (let seq = 0; ; seq++) {
      const { rows } = await this.pool.query<{ data: Buffer }>(
        'SELECT data FROM staged_chunks WHERE job_id = $1 AND file_index = $2 AND seq = $3',
        [jobId, index, seq],
      );
      if (!rows[0]) return;
      yield rows[0].data;
    }
  }

  async removeFile(path: string): Promise<void> {
    const { jobId, index } = parsePath(path);
    await this.schema();
    await this.pool.query('DELETE FROM staged_chunks WHERE job_id = $1 AND file_index = $2', [
      jobId,
      index,
    ]);
  }

  async remove(jobId: string): Promise<void> {
    await this.schema();
    await this.pool.query('DELETE FROM staged_chunks WHERE job_id = $1', [safeJobId(jobId)]);
  }

  async jobsBefore(olderThan: Date): Promise<string[]> {
    await this.schema();
    const { rows } = await this.pool.query<{ job_id: string }>(
      'SELECT job_id FROM staged_chunks GROUP BY job_id HAVING max(written_at) < $1',
      [olderThan],
    );
    return rows.map((r) => r.job_id);
  }

  /** Staged rows in all (tests and operators: nothing should linger). */
  async rowCount(jobId?: string): Promise<number> {
    await this.schema();
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM staged_chunks WHERE $1::text IS NULL OR job_id = $1',
      [jobId ?? null],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}

function parsePath(path: string): { jobId: string; index: number } {
  const m = /^([\w.-]{1,200})\/(\d{1,6})$/.exec(path);
  if (!m) throw new Error(`${path} is not a file staged in PostgreSQL`);
  return { jobId: m[1], index: Number(m[2]) };
}

/**
 * Collects the bytes it is given into pieces of STAGING_CHUNK_BYTES and stores each as it fills
 * (the stream waits meanwhile: back-pressure holds memory to one piece). The last piece, empty
 * for an empty file, is stored on end, so a staged file always has a row. A failed stream waits
 * for a store in flight before it reports, so the caller's cleanup comes after every row.
 */
class ChunkWriter extends Writable {
  private piece?: Buffer;
  private filled = 0;
  private seq = 0;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly store: (seq: number, data: Buffer) => Promise<void>) {
    super();
  }

  private flush(): Promise<void> {
    const data = (this.piece ?? Buffer.alloc(0)).subarray(0, this.filled);
    this.piece = undefined;
    this.filled = 0;
    this.inFlight = this.store(this.seq++, data);
    return this.inFlight;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void) {
    const fill = async () => {
      for (let at = 0; at < chunk.length;) {
        this.piece ??= Buffer.allocUnsafe(STAGING_CHUNK_BYTES);
        const n = chunk.copy(this.piece, this.filled, at);
        this.filled += n;
        at += n;
        if (this.filled === STAGING_CHUNK_BYTES) await this.flush();
      }
    };
    fill().then(() => done(), done);
  }

  override _final(done: (err?: Error | null) => void): void {
    if (this.seq > 0 && this.filled === 0) return done();
    this.flush().then(() => done(), done);
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.inFlight.then(
      () => done(err),
      () => done(err),
    );
  }
}
