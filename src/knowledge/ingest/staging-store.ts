import { join } from 'node:path';
import type { QuarryConfig } from '../../config/config';
import type { Staging } from './staging';
import { FolderStaging } from './staging-folder';
import { PostgresStaging } from './staging-postgres';

/** PostgreSQL when QUARRY_STAGING_DATABASE_URL is set, else the data folder's `staging`. */
export function createStaging(config: QuarryConfig): Staging {
  return config.staging.databaseUrl
    ? new PostgresStaging(config.staging.databaseUrl)
    : new FolderStaging(join(config.paths.dataDir, 'staging'));
}
