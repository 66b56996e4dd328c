import { synthesizeReport } from '../../src/research/report';
import { passageKey } from '../../src/research/whats-new';
import type { Citation, Finding, PreviousRun } from '../../workflows/contract';

const cite = (n: number, source: string, quote: string): Citation => ({
  n,
  chunkId: `${source}#${n}`,
  source,
  page: null,
  quote,
});

const findings: Finding[] = [
  {
    subQuestion: 'What does alpha do?',
    answer: 'Alpha weighs the two sides. [1]',
    abstained: false,
    citations: [cite(1, 'hybrid.md', 'Alpha weighs the two sides.')],
  },
  {
    subQuestion: 'What is HNSW?',
    answer: 'HNSW is a graph index. [1]',
    abstained: false,
    citations: [cite(1, 'hnsw.md', 'HNSW is a graph index.')],
  },
];

const previous = (passages: string[], answered: string[]): PreviousRun => ({
  taskId: 'task-sched-1-2026-12-07T09:00:00Z',
  finishedAt: '2026-12-07T09:00:05.000Z',
  passages,
  answered,
});

describe('a scheduled research report: what is new since the previous run', () => {
  it('marks passages the previous run did not cite, and parts it could not answer', () => {
    const before = previous(
      [passageKey({ source: 'hybrid.md', quote: 'Alpha  weighs the two\nsides.' })],
      ['What does alpha do?'],
    );
    const { report, sincePrevious } = synthesizeReport('Search?', findings, before);
    expect(sincePrevious).toEqual({
      taskId: before.taskId,
      finishedAt: before.finishedAt,
      newCitations: [2],
      newlyAnswered: ['What is HNSW?'],
    });
    const section = report.slice(
      report.indexOf('## New since the previous run'),
      report.indexOf('## Findings'),
    );
    expect(section).toContain(
      `Compared with ${before.taskId}, which finished ${before.finishedAt}:`,
    );
    expect(section).toContain('- Answered now, not before: What is HNSW?');
    expect(section).toContain('- [2] hnsw.md — "HNSW is a graph index."');
    expect(section).not.toContain('hybrid.md');
    expect(report).toContain('[2] hnsw.md — "HNSW is a graph index." (new)');
    expect(report).toContain('[1] hybrid.md — "Alpha weighs the two sides."\n');
  });

  it('says nothing is new when the previous run had it all, and adds no section without one', () => {
    const all = previous(
      findings.flatMap((f) => f.citations.map(passageKey)),
      findings.map((f) => f.subQuestion),
    );
    const same = synthesizeReport('Search?', findings, all);
    expect(same.sincePrevious?.newCitations).toEqual([]);
    expect(same.report).toContain('_Nothing new: the previous run had all of this._');
    expect(same.report).not.toContain('(new)');
    const first = synthesizeReport('Search?', findings, null);
    expect(first.sincePrevious).toBeUndefined();
    expect(first.report).not.toContain('## New since');
  });

  it('keys a passage by its source and words, not by chunk position or spacing', () => {
    const a = passageKey({ source: 'a.md', quote: 'x y z' });
    expect(passageKey({ source: 'a.md', quote: 'x\ny  z' })).toBe(a);
    expect(passageKey({ source: 'b.md', quote: 'x y z' })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});
