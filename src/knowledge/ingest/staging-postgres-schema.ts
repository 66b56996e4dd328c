import { Client, type DatabaseError, type Pool } from 'pg';

/** Serialises the schema's creation between processes starting at once (any fixed number). */
const SCHEMA_LOCK = 0x51_52_59_53; // "QRYS"

const SCHEMA = `
CREATE TABLE IF NOT EXISTS staged_chunks (
  job_id text NOT NULL,
  file_index integer NOT NULL,
  seq integer NOT NULL,
  data bytea NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, file_index, seq)
);
-- Uploads are mostly compressed already (PDF): storing them as they are saves the server CPU.
ALTER TABLE staged_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
`;

const code = (err: unknown) => (err as Partial<DatabaseError> | undefined)?.code;

/**
 * Creates the database the URL names when it does not exist (connecting to the server's
 * `postgres` database with the same credentials) and the staging table in it.
 */
export async function ensureStagingDatabase(url: string, pool: Pool): Promise<void> {
  const client = await pool.connect().catch(async (err: unknown) => {
    // 3D000: invalid_catalog_name, the database does not exist yet.
    if (code(err) !== '3D000') throw err;
    await createDatabase(url);
    return pool.connect();
  });
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    try {
      await client.query(SCHEMA);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function createDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new Error('QUARRY_STAGING_DATABASE_URL names no database (…/quarry_staging)');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (err) {
    // 42P04: duplicate_database; 23505: two creations racing on the catalogue's unique index.
    if (code(err) !== '42P04' && code(err) !== '23505') throw err;
  } finally {
    await client.end();
  }
}
