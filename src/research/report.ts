import type { Citation } from '../agent/types';
import type { Finding } from './research.types';

/** The first sentence of an answer, with the citation markers that follow it. */
function firstSentence(answer: string): string {
  const m = /^[\s\S]*?[。！？.!?](\s*\[\d+\])*/u.exec(answer.trim());
  return (m ? m[0] : answer).trim();
}

/**
 * Renumbers one finding's `[n]` markers into the report's numbering: the same chunk keeps one
 * number across findings, new chunks get the next one.
 */
function renumber(text: string, finding: Finding, numbers: Map<string, number>, all: Citation[]) {
  const local = new Map(finding.citations.map((c) => [c.n, c]));
  return text.replace(/\[(\d+)\]/g, (_marker, n: string) => {
    const citation = local.get(Number(n));
    if (!citation) return '';
    let global = numbers.get(citation.chunkId);
    if (global === undefined) {
      global = all.length + 1;
      numbers.set(citation.chunkId, global);
      all.push({ ...citation, n: global });
    }
    return `[${global}]`;
  });
}

/**
 * The research report in markdown: a summary (each answered sub-question's first sentence), the
 * findings, and the references. Every claim keeps its citation; sub-questions the knowledge base
 * could not answer are listed as such, never filled in.
 */
export function synthesizeReport(
  question: string,
  findings: Finding[],
): { report: string; summary: string; citations: Citation[] } {
  const numbers = new Map<string, number>();
  const citations: Citation[] = [];
  const answered = findings.filter((f) => !f.abstained);
  const body = findings.map((f) => {
    const text = f.abstained
      ? `_Not found in the knowledge base._`
      : renumber(f.answer, f, numbers, citations);
    return `### ${f.subQuestion}\n\n${text}`;
  });
  const summaryLines = answered.map(
    (f) => `- ${renumber(firstSentence(f.answer), f, numbers, citations)}`,
  );
  const missing = findings.filter((f) => f.abstained).map((f) => f.subQuestion);
  if (missing.length)
    summaryLines.push(`- Not answered by the knowledge base: ${missing.join('; ')}`);
  const summary = summaryLines.join('\n');
  const references = citations.map((c) => {
    const where = c.page === null ? c.source : `${c.source} p.${c.page}`;
    return `[${c.n}] ${where}: "${c.quote.replace(/\s+/g, ' ').slice(0, 200)}"`;
  });
  const report = [
    `# ${question}`,
    '## Summary',
    summary || '_Nothing was found in the knowledge base._',
    '## Findings',
    ...body,
    '## References',
    references.length ? references.join('\n\n') : '_None._',
  ].join('\n\n');
  return { report: `${report}\n`, summary, citations };
}
