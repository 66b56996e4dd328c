import { cleanPlan, planByClauses } from '../../src/research/plan';
import { synthesizeReport } from '../../src/research/report';
import type { Finding } from '../../src/research/research.types';

describe('planByClauses', () => {
  it('splits a compound question at question marks, semicolons and joining words', () => {
    expect(planByClauses('混合检索的 alpha 参数有什么作用？工作进程崩溃时会怎样？', 5)).toEqual([
      '混合检索的 alpha 参数有什么作用？',
      '工作进程崩溃时会怎样？',
    ]);
    expect(planByClauses('什么是留出法以及什么是交叉验证法？', 5)).toEqual([
      '什么是留出法？',
      '什么是交叉验证法？',
    ]);
    expect(planByClauses('1. What is BM25? 2. What is HNSW?', 5)).toEqual([
      'What is BM25?',
      'What is HNSW?',
    ]);
  });

  it('keeps a simple question whole and caps the plan', () => {
    expect(planByClauses('什么是混合检索？', 5)).toEqual(['什么是混合检索？']);
    expect(planByClauses('甲是什么？乙是什么？丙是什么？', 2)).toHaveLength(2);
  });

  it('cleans plans from models and users', () => {
    expect(cleanPlan([' a? ', '', 3, 'a?', 'b?'], 5)).toEqual(['a?', 'b?']);
    expect(cleanPlan('not a list', 5)).toEqual([]);
  });
});

describe('synthesizeReport', () => {
  const c = (n: number, chunkId: string, quote: string) => ({
    n,
    chunkId,
    source: `${chunkId}.md`,
    page: null,
    quote,
  });
  const findings: Finding[] = [
    {
      subQuestion: 'A?',
      answer: 'Alpha weighs the sides.[1] BM25 is lexical.[2]',
      abstained: false,
      citations: [c(1, 'x', 'Alpha weighs the sides.'), c(2, 'y', 'BM25 is lexical.')],
    },
    {
      subQuestion: 'B?',
      answer: 'Also lexical.[1]',
      abstained: false,
      citations: [c(1, 'y', 'BM25 is lexical.')],
    },
    { subQuestion: 'C?', answer: 'nothing', abstained: true, citations: [] },
  ];

  it('renumbers citations across findings, one number per chunk, and lists them as references', () => {
    const { report, citations, summary } = synthesizeReport('Q', findings);
    expect(citations.map((x) => [x.n, x.chunkId])).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
    expect(report).toContain('### B?\n\nAlso lexical.[2]');
    expect(report).toContain('[2] y.md: "BM25 is lexical."');
    expect(summary).toContain('- Alpha weighs the sides.[1]');
    expect(summary).toContain('Not answered by the knowledge base: C?');
    expect(report).toContain('### C?\n\n_Not found in the knowledge base._');
    // Every marker in the report resolves to a reference.
    for (const m of report.matchAll(/\[(\d+)\]/g))
      expect(Number(m[1])).toBeLessThanOrEqual(citations.length);
    expect(report.indexOf('## Summary')).toBeLessThan(report.indexOf('## Findings'));
    expect(report.indexOf('## Findings')).toBeLessThan(report.indexOf('## References'));
  });
});
