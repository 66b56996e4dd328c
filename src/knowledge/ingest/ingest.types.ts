import type { StagedFile } from './staging';

export interface IngestInput {
  jobId: string;
  tenant: string;
  collection: string;
  files: StagedFile[];
  /** Sources to delete from the knowledge base (sync: files gone from the folder). */
  removeSources?: string[];
}

export type FileStatus = 'indexed' | 'unchanged' | 'failed';

export interface FileResult {
  source: string;
  status: FileStatus;
  pages: number;
  chunks: number;
  /** Chunks written by this run (0 when every chunk was already stored). */
  newChunks: number;
  error?: string;
  parseMs: number;
  embedMs: number;
  indexMs: number;
}

export interface IngestProgress {
  jobId: string;
  collection: string;
  state: 'running' | 'completed' | 'failed';
  totalFiles: number;
  doneFiles: number;
  indexed: number;
  unchanged: number;
  failed: number;
  removed: number;
  pages: number;
  chunks: number;
  parseMs: number;
  embedMs: number;
  indexMs: number;
  failures: { source: string; error: string }[];
  /** Why the job failed as a whole (state `failed`), e.g. the embedding provider refused the key. */
  error?: string;
}
