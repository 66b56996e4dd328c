import { createHash } from 'node:crypto';
import type { Citation } from '../agent/types';
import type { Finding } from './research.types';

/** What a scheduled research run needs to know about the schedule's previous successful run. */
export interface PreviousRun {
  taskId: string;
  finishedAt: string;
  /** Keys of the passages it cited (see passageKey): small, whatever the report's size. */
  passages: string[];
  /** Sub-questions it found an answer to. */
  answered: string[];
}

/** How a run's report differs from the previous run's, as the task's result reports it. */
export interface SincePrevious {
  taskId: string;
  finishedAt: string;
  /** Report citation numbers of passages the previous run did not cite. */
  newCitations: number[];
  /** Sub-questions answered now that the previous run could not answer. */
  newlyAnswered: string[];
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/**
 * A cited passage's identity across runs: its source and the words quoted. Chunk ids would change
 * when an edit earlier in the file shifts chunk positions, and the same sentence is not news.
 */
export function passageKey(c: Pick<Citation, 'source' | 'quote'>): string {
  return createHash('sha256')
    .update(JSON.stringify([c.source, squeeze(c.quote)]))
    .digest('hex')
    .slice(0, 16);
}

/** Which passages and answers of this run the previous run did not have. */
export function compareWithPrevious(
  citations: Citation[],
  findings: Finding[],
  previous: PreviousRun,
): SincePrevious {
  const seen = new Set(previous.passages);
  const answeredBefore = new Set(previous.answered.map(squeeze));
  return {
    taskId: previous.taskId,
    finishedAt: previous.finishedAt,
    newCitations: citations.filter((c) => !seen.has(passageKey(c))).map((c) => c.n),
    newlyAnswered: findings
      .filter((f) => !f.abstained && !answeredBefore.has(squeeze(f.subQuestion)))
      .map((f) => f.subQuestion),
  };
}
