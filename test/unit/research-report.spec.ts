import type { Citation } from '../../src/agent/types';
import { synthesizeReport } from '../../src/research/report';
import type { Finding } from '../../workflows/contract';

const c = (n: number, chunkId: string, quote: string, page: number | null = null): Citation => ({
  n,
  chunkId,
  source: `${chunkId}.md`,
  page,
  quote,
});

/** Every `[n]` in the report, which must each resolve to a listed citation. */
const markers = (report: string) => [...report.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));

describe('research report: synthesizeReport', () => {
  const findings: Finding[] = [
    {
      subQuestion: 'A?',
      answer: 'Alpha weighs the sides. [1] BM25 is lexical. [2]',
      abstained: false,
      citations: [c(1, 'x', 'Alpha weighs the sides.'), c(2, 'y', 'BM25 is lexical.', 3)],
    },
    {
      subQuestion: 'B?',
      answer: '也是词法检索。[1]',
      abstained: false,
      citations: [c(1, 'y', 'BM25 is lexical.', 3)],
    },
    { subQuestion: 'C?', answer: 'child failed: timeout', abstained: true, citations: [] },
  ];

  it('writes the sections in order: title, summary, findings, references', () => {
    const { report } = synthesizeReport('Q?', findings);
    expect(report.startsWith('# Q?\n\n## Summary\n\n')).toBe(true);
    expect(report.indexOf('## Summary')).toBeLessThan(report.indexOf('## Findings'));
    expect(report.indexOf('## Findings')).toBeLessThan(report.indexOf('## References'));
    expect(report).toContain('### A?\n\nAlpha weighs the sides. [1] BM25 is lexical. [2]');
  });

  it('renumbers citations across findings: one number per chunk', () => {
    const { report, citations } = synthesizeReport('Q?', findings);
    expect(citations.map((x) => [x.n, x.chunkId])).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
    expect(report).toContain('### B?\n\n也是词法检索。[2]');
    expect(report).toContain('[1] x.md — "Alpha weighs the sides."');
    expect(report).toContain('[2] y.md p.3 — "BM25 is lexical."');
  });

  it("summarizes each answered finding's first sentence with its markers, and names the gaps", () => {
    const { summary } = synthesizeReport('Q?', findings);
    expect(summary).toBe(
      '- Alpha weighs the sides. [1]\n- 也是词法检索。[2]\n- Not answered by the knowledge base: C?',
    );
  });

  it('says what was not found instead of repeating an error or an abstention as a claim', () => {
    const { report } = synthesizeReport('Q?', findings);
    expect(report).toContain('### C?\n\n_Not found in the knowledge base._');
    expect(report).not.toContain('timeout');
  });

  it('drops sentences whose markers resolve to no citation, so every claim is cited', () => {
    const { report, citations } = synthesizeReport('Q?', [
      {
        subQuestion: 'D?',
        answer: 'Cited. [1] Uncited claim. Dangling. [7]',
        abstained: false,
        citations: [c(1, 'z', 'Cited.')],
      },
    ]);
    expect(report).not.toContain('Uncited');
    expect(report).not.toContain('Dangling');
    for (const n of markers(report)) expect(citations.some((x) => x.n === n)).toBe(true);
  });

  it('escapes brackets in questions and quotes so they never read as markers', () => {
    const { report, citations } = synthesizeReport('What is [9]?', [
      {
        subQuestion: 'Line\nbreak [8]?',
        answer: 'Yes. [1]',
        abstained: false,
        citations: [c(1, 'q', 'see [5]')],
      },
    ]);
    expect(report).toContain('### Line break \\[8\\]?');
    expect(markers(report)).toEqual([1, 1, 1]);
    expect(citations).toHaveLength(1);
  });

  it('reports an all-abstained research without references', () => {
    const { report, citations } = synthesizeReport('Q?', [findings[2]]);
    expect(citations).toEqual([]);
    expect(report).toContain('## References\n\n_None._');
  });
});
