import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { isSupported } from '../../knowledge/loaders';

export interface LocalFile {
  /** Path relative to the folder given (or the file name for a single file): the document's source. */
  source: string;
  path: string;
  bytes: number;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__']);

async function walk(dir: string, root: string, out: LocalFile[], skipped: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, root, out, skipped);
    else if (entry.isFile()) {
      const source = relative(root, path).split(sep).join('/');
      if (isSupported(source)) out.push({ source, path, bytes: (await stat(path)).size });
      else skipped.push(source);
    }
  }
}

/** Expands files and folders into the documents to ingest, in a stable order. */
export async function collectFiles(
  paths: string[],
): Promise<{ files: LocalFile[]; skipped: string[] }> {
  const files: LocalFile[] = [];
  const skipped: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => {
      throw new Error(`${p}: no such file or folder`);
    });
    if (info.isDirectory()) await walk(p, p, files, skipped);
    else files.push({ source: basename(p), path: p, bytes: info.size });
  }
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.source))
      throw new Error(`two files would both be stored as "${f.source}"; ingest them separately`);
    seen.add(f.source);
  }
  files.sort((a, b) => a.source.localeCompare(b.source));
  return { files, skipped };
}
