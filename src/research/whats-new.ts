import { createHash } from 'node:crypto';
import type { Citation, Finding, PreviousRun, SincePrevious } from '../../workflows/contract';

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
