import {
  routeAfterAnswerCheck,
  routeAfterGenerate,
  routeAfterGrade,
  routeAfterGrounding,
  routeAfterRetrieve,
} from '../../src/agent';
import { freshOnMissing } from '../../src/agent/nodes/grade';
import { chunk } from './agent-fixtures';

const a = chunk('a', 'text a');
const b = chunk('b', 'text b');

function state(over: Partial<Parameters<typeof routeAfterGrade>[0]> = {}) {
  return {
    chunks: [a, b],
    grades: {},
    attempts: { retrieval: 1, generation: 0 },
    draft: '',
    answered: false,
    fresh: ['a', 'b'],
    absentTerms: [],
    missing: [],
    ...over,
  };
}

/** The run's settings the routers read: budgets from the task, the rest the agent's defaults. */
function settings(over: Partial<Parameters<typeof routeAfterGrade>[1]> = {}) {
  return {
    budgets: { maxRetrievals: 3, maxGenerations: 2 },
    minRelevant: 1,
    allowClarify: false,
    ...over,
  };
}

const relevantA = { a: { relevant: true, score: 0.9 }, b: { relevant: false, score: 0.1 } };
const relevantB = { a: { relevant: false, score: 0.2 }, b: { relevant: true, score: 0.8 } };
const noneRelevant = { a: { relevant: false, score: 0.2 }, b: { relevant: false, score: 0.1 } };

describe('routeAfterRetrieve', () => {
  it('grades what the first search found', () => {
    expect(routeAfterRetrieve(state())).toBe('grade');
  });
  it('ends the loop when a search after the first brought nothing new', () => {
    const again = { attempts: { retrieval: 2, generation: 1 } };
    expect(routeAfterRetrieve(state({ ...again, fresh: [] }))).toBe('finalize');
    expect(routeAfterRetrieve(state({ ...again, fresh: ['b'] }))).toBe('grade');
  });
});

describe('routeAfterGrade', () => {
  it('generates when enough chunks are relevant', () => {
    expect(routeAfterGrade(state({ grades: relevantA }), settings())).toBe('generate');
  });
  it('abstains at once when a specific term is absent from everything retrieved', () => {
    // Hybrid search ranks on the term's exact words already; a search for the term alone gained
    // no answer on the development sets, so the loop spends no step on it.
    const absent = { grades: relevantA, absentTerms: ['LoRA'] };
    expect(routeAfterGrade(state(absent), settings())).toBe('finalize');
    expect(routeAfterGrade(state({ grades: relevantA }), settings())).toBe('generate');
  });
  it('searches once for the part of a two-part question that names the absent term', () => {
    const twoParts = {
      grades: relevantA,
      absentTerms: ['DeepSeek'],
      question: '嵌入接口的地址填在哪个变量里？接 DeepSeek 时 base URL 又填什么？',
    };
    expect(routeAfterGrade(state(twoParts), settings())).toBe('rewrite');
    const again = { ...twoParts, attempts: { retrieval: 2, generation: 0 } };
    expect(routeAfterGrade(state(again), settings())).toBe('finalize');
    const noBudget = settings({ budgets: { maxRetrievals: 1, maxGenerations: 2 } });
    expect(routeAfterGrade(state(twoParts), noBudget)).toBe('finalize');
  });
  it('finalizes (to abstain) when nothing is relevant: a rewrite of nothing finds nothing', () => {
    expect(routeAfterGrade(state({ grades: noneRelevant }), settings())).toBe('finalize');
  });
  it('searches again when some but fewer than wanted are relevant, while budget lasts', () => {
    expect(routeAfterGrade(state({ grades: relevantA }), settings({ minRelevant: 2 }))).toBe(
      'rewrite',
    );
    const spent = { attempts: { retrieval: 3, generation: 0 } };
    expect(
      routeAfterGrade(state({ grades: relevantA, ...spent }), settings({ minRelevant: 2 })),
    ).toBe('generate');
  });
  it('after a rewrite, generates again only when new relevant evidence came', () => {
    const afterRewrite = { draft: 'A. [1]', attempts: { retrieval: 2, generation: 1 } };
    expect(
      routeAfterGrade(state({ ...afterRewrite, grades: relevantB, fresh: ['b'] }), settings()),
    ).toBe('generate');
    expect(
      routeAfterGrade(state({ ...afterRewrite, grades: relevantA, fresh: ['b'] }), settings()),
    ).toBe('finalize');
    const spent = { draft: 'A. [1]', attempts: { retrieval: 2, generation: 2 } };
    expect(routeAfterGrade(state({ ...spent, grades: relevantB, fresh: ['b'] }), settings())).toBe(
      'finalize',
    );
  });
});

describe('a search again that brings nothing on what the answer lacked', () => {
  const afterRewrite = {
    question: '温度是什么？第八章为什么用低温度？',
    draft: '温度控制随机性。[1]',
    attempts: { retrieval: 2, generation: 1 },
    missing: ['低温度'],
    fresh: ['b'],
  };
  it('ends the loop instead of drafting the same answer again', () => {
    const offTopic = { ...afterRewrite, grades: relevantB, freshOnMissing: false };
    expect(routeAfterGrade(state(offTopic), settings())).toBe('finalize');
    const onTopic = { ...afterRewrite, grades: relevantB, freshOnMissing: true };
    expect(routeAfterGrade(state(onTopic), settings())).toBe('generate');
    // Checkpoints written before the flag existed keep the old route.
    expect(routeAfterGrade(state({ ...afterRewrite, grades: relevantB }), settings())).toBe(
      'generate',
    );
  });
  it('is judged on the new relevant chunks, by the missing words or their glosses', () => {
    const found = chunk('b', '第八章用低温度，是为了让输出更稳定。');
    const elsewhere = chunk('b', '第八章讲的是聊天机器人。');
    const base = { ...afterRewrite, grades: relevantB };
    expect(freshOnMissing({ ...base, chunks: [a, found] }, relevantB)).toBe(true);
    expect(freshOnMissing({ ...base, chunks: [a, elsewhere] }, relevantB)).toBe(false);
    // Not relevant, or not new: it does not count.
    expect(freshOnMissing({ ...base, chunks: [a, found] }, noneRelevant)).toBe(false);
    expect(freshOnMissing({ ...base, chunks: [a, found], fresh: [] }, relevantB)).toBe(false);
    // A model's checker may describe what is missing; no passage spells a description out.
    const described = { ...base, missing: ['why chapter 8 uses a low temperature'] };
    expect(freshOnMissing({ ...described, chunks: [a, elsewhere] }, relevantB)).toBe(true);
  });
});

describe('routeAfterGenerate', () => {
  it('checks a new draft, and finalizes one that is the answer already checked', () => {
    expect(routeAfterGenerate(state({ draft: 'A. [1]' }))).toBe('checkGrounding');
    expect(routeAfterGenerate(state({ draft: 'A. [1]', sameDraft: false }))).toBe('checkGrounding');
    expect(routeAfterGenerate(state({ draft: 'A. [1]', sameDraft: true }))).toBe('finalize');
  });
});

describe('routeAfterGrounding', () => {
  it('checks the answer when a supported draft is left', () => {
    expect(routeAfterGrounding(state({ draft: 'A. [1]' }))).toBe('checkAnswer');
  });
  it('finalizes when nothing is supported: the same evidence would give the same draft', () => {
    expect(routeAfterGrounding(state({ attempts: { retrieval: 1, generation: 1 } }))).toBe(
      'finalize',
    );
  });
});

describe('routeAfterAnswerCheck', () => {
  it('finalizes an answer that addresses the question', () => {
    expect(routeAfterAnswerCheck(state({ answered: true }), settings())).toBe('finalize');
  });
  const twoParts = { question: '温度是什么？第八章为什么用低温度？', missing: ['低温度'] };
  it('searches once for the part of a two-part question the answer lacks, budget allowing', () => {
    expect(routeAfterAnswerCheck(state(twoParts), settings())).toBe('rewrite');
    const searchedAgain = { attempts: { retrieval: 2, generation: 2 } };
    expect(routeAfterAnswerCheck(state({ ...twoParts, ...searchedAgain }), settings())).toBe(
      'finalize',
    );
    const budget = settings({ budgets: { maxRetrievals: 1, maxGenerations: 2 } });
    expect(routeAfterAnswerCheck(state(twoParts), budget)).toBe('finalize');
  });
  it('does not search again for a one-part question: the first search was for exactly that', () => {
    expect(
      routeAfterAnswerCheck(state({ question: '温度是什么？', missing: ['温度'] }), settings()),
    ).toBe('finalize');
  });
  it('finalizes (to abstain) when the answer lacks the number or year asked for', () => {
    const lacking = { question: 'GPT-4 有多少个参数？', missing: ['参数'], lackedKind: 'number' };
    expect(routeAfterAnswerCheck(state(lacking), settings())).toBe('finalize');
    // The same lack in one part of a two-part question is not searched for either.
    const twoPartLacking = { ...twoParts, lackedKind: 'number' };
    expect(routeAfterAnswerCheck(state(twoPartLacking), settings())).toBe('finalize');
    expect(routeAfterAnswerCheck(state(twoParts), settings())).toBe('rewrite');
  });
  it('finalizes when the check named nothing to search for', () => {
    expect(routeAfterAnswerCheck(state({ answered: false, missing: [] }), settings())).toBe(
      'finalize',
    );
  });
});

describe('routeAfterGrade with clarification allowed', () => {
  const allowed = settings({ allowClarify: true });
  it('asks the user when the first search found nothing relevant', () => {
    expect(routeAfterGrade(state({ grades: noneRelevant }), allowed)).toBe('clarify');
  });
  it('asks once, only after the first search, and only when allowed', () => {
    expect(routeAfterGrade(state({ grades: noneRelevant, clarified: true }), allowed)).toBe(
      'finalize',
    );
    const later = { attempts: { retrieval: 2, generation: 0 } };
    expect(routeAfterGrade(state({ grades: noneRelevant, ...later }), allowed)).toBe('finalize');
    expect(routeAfterGrade(state({ grades: noneRelevant }), settings())).toBe('finalize');
    expect(routeAfterGrade(state({ grades: relevantA }), allowed)).toBe('generate');
  });
});
