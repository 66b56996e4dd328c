import { joinDraft, splitDraft, type DraftSentence } from '../agent/draft';
import type { Citation, Finding, PreviousRun, SincePrevious } from '../../workflows/contract';
import { compareWithPrevious } from './whats-new';

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
 * sub-questions the knowledge base could not answer are listed as such, never filled in. A
 * scheduled run also says what is new since the schedule's previous successful run.
 */
export function synthesizeReport(
  question: string,
  findings: Finding[],
  previous?: PreviousRun | null,
): { report: string; summary: string; citations: Citation[]; sincePrevious?: SincePrevious } {
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
  const news = previous ? compareWithPrevious(refs.citations, findings, previous) : undefined;
  const fresh = new Set(news?.newCitations);
  const references = refs.citations.map((c) => {
    const where = c.page === null ? c.source : `${c.source} p.${c.page}`;
    const mark = fresh.has(c.n) ? ' (new)' : '';
    return `[${c.n}] ${where} — "${oneLine(c.quote.slice(0, 200))}"${mark}`;
  });
  const report = [
    `# ${oneLine(question)}`,
    '## Summary',
    summary || '_Nothing was found in the knowledge base._',
    ...(news ? ['## New since the previous run', newsSection(news, refs.citations)] : []),
    '## Findings',
    ...body,
    '## References',
    references.length ? references.join('\n\n') : '_None._',
  ].join('\n\n');
  return {
    report: `${report}\n`,
    summary,
    citations: refs.citations,
    ...(news ? { sincePrevious: news } : {}),
  };
}

/** What a scheduled run found that its previous run did not: newly answered parts, new passages. */
function newsSection(news: SincePrevious, citations: Citation[]): string {
  const fresh = citations.filter((c) => news.newCitations.includes(c.n));
  const lines = [
    `Compared with ${news.taskId}, which finished ${news.finishedAt}:`,
    ...news.newlyAnswered.map((q) => `- Answered now, not before: ${oneLine(q)}`),
    ...fresh.map((c) => {
      const where = c.page === null ? c.source : `${c.source} p.${c.page}`;
      return `- [${c.n}] ${where} — "${oneLine(c.quote.slice(0, 200))}"`;
    }),
  ];
  if (lines.length === 1) lines.push('_Nothing new: the previous run had all of this._');
  return lines.join('\n');
}
