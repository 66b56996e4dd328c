import { runCommand } from '../provision/run-command';

const SCHEMAS = [
  ['temporal', 'postgresql/v12/temporal'],
  ['temporal_visibility', 'postgresql/v12/visibility'],
] as const;

/**
 * Creates Temporal's two databases and brings their schemas to the version this server expects,
 * with the schemas embedded in temporal-sql-tool. Every step is idempotent: a restart, or a newer
 * server after an upgrade, runs them again and only missing versions are applied.
 */
export async function ensureTemporalSchema(o: {
  sqlTool: string;
  port: number;
  password: string;
}): Promise<void> {
  for (const [database, schema] of SCHEMAS) {
    // The password goes through the environment, never the command line (visible in ps).
    const env = {
      ...process.env,
      SQL_PLUGIN: 'postgres12',
      SQL_HOST: '127.0.0.1',
      SQL_PORT: String(o.port),
      SQL_USER: 'temporal',
      SQL_PASSWORD: o.password,
      SQL_DATABASE: database,
    };
    const run = (args: string[]) =>
      runCommand(o.sqlTool, args, { env, display: `temporal-sql-tool ${args.join(' ')}` });
    try {
      await run(['create-database']);
    } catch (err) {
      if (!/already exists/i.test((err as Error).message)) throw err;
    }
    await run(['setup-schema', '-v', '0.0']);
    await run(['update-schema', '--schema-name', schema]);
  }
}
