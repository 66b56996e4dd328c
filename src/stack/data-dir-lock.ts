import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isLive } from './proc-info';

/** One local stack per data folder: two servers on one SQLite file or one Weaviate folder corrupt it. */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'stack.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(file);
        } catch {
          // already removed
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && isLive(holder)) {
        throw new Error(
          `Another Quarry stack (pid ${holder}) is using ${dataDir}. Stop it, or set QUARRY_DATA_DIR to another folder.`,
        );
      }
      unlinkSync(file); // stale: its owner died without cleaning up
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
