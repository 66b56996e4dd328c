import { joinDraft, splitDraft, type DraftSentence } from '../agent/draft';
import type { Citation } from '../agent/types';
import type { Finding } from './research.types';

/** The report's numbering: one number per chunk across all findings, in order of first use. */
class References {
  readonly citations: Citation[] = [];
  private readonly byChunk = new Map<string, number>();

  /**
   * A finding's sentences with its local `[n]` renumbered into the report's. A sentence left with
   * no marker that resolves is dropped: the report makes no claim it cannot point to a source for.
   */
  cite(sentences: DraftSentence[], finding: Finding): DraftSentence[] {
    const local = new Map(finding.citations.map((c) => [c.n, c]));
    return sentences
      .map((s) => ({
        text: s.text,
        markers: [
          ...new Set(
            s.markers.flatMap((n) => {
              const c = local.get(n);
              return c ? [this.number(c)] : [];
            }),
          ),
        ],
      }))
      .filter((s) => s.markers.length > 0);
  }

  private number(c: Citation): number {
    let n = this.byChunk.get(c.chunkId);
    if (n === undefined) {
      n = this.citations.length + 1;
      this.byChunk.set(c.chunkId, n);
      this.citations.push({ ...c, n });
    }
    return n;
  }
}

/**
 * Text quoted into the report on one line, so it cannot break a heading, with its brackets escaped
 * so a "[2]" inside a question or a quote is never read as a citation marker.
 */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/[[\]]/g, '\\$&');

/**
 * The research report in markdown: a summary (each answered sub-question's first cited sentence),
 * the findings, and the references. Every claim carries a marker that resolves to a reference;
 * sub-questions the knowledge base could not answer are listed as such, never filled in.
 */
export function synthesizeReport(
  question: string,
  findings: Finding[],
): { report: string; summary: string; citations: Citation[] } {
  const refs = new References();
  const cited = findings.map((f) => (f.abstained ? [] : refs.cite(splitDraft(f.answer), f)));
  const body = findings.map((f, i) => {
    const text = cited[i].length ? joinDraft(cited[i]) : '_Not found in the knowledge base._';
    return `### ${oneLine(f.subQuestion)}\n\n${text}`;
  });
  const summaryLines = cited.filter((s) => s.length).map((s) => `- ${joinDraft([s[0]])}`);
  const missing = findings.filter((_, i) => !cited[i].length).map((f) => oneLine(f.subQuestion));
  if (missing.length)
    summaryLines.push(`- Not answered by the knowledge base: ${missing.join('; ')}`);
  const summary = summaryLines.join('\n');
  const references = refs.citations.map((c) => {
    const where = c.page === null ? c.source : `${c.source} p.${c.page}`;
    return `[${c.n}] ${where} — "${oneLine(c.quote.slice(0, 200))}"`;
  });
  const report = [
    `# ${oneLine(question)}`,
    '## Summary',
    summary || '_Nothing was found in the knowledge base._',
    '## Findings',
    ...body,
    '## References',
    references.length ? references.join('\n\n') : '_None._',
  ].join('\n\n');
  return { report: `${report}\n`, summary, citations: refs.citations };
}
