import { routeAfterAnswerCheck, routeAfterGrade, routeAfterGrounding } from '../../src/agent';
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
const noneRelevant = { a: { relevant: false, score: 0.2 }, b: { relevant: false, score: 0.1 } };

describe('routeAfterGrade', () => {
  it('generates when enough chunks are relevant', () => {
    expect(routeAfterGrade(state({ grades: relevantA }), settings())).toBe('generate');
  });
  it('rewrites when too few are relevant and retrievals are left', () => {
    expect(routeAfterGrade(state({ grades: noneRelevant }), settings())).toBe('rewrite');
    expect(routeAfterGrade(state({ grades: relevantA }), settings({ minRelevant: 2 }))).toBe(
      'rewrite',
    );
  });
  it('generates from what there is when the retrieval budget is spent', () => {
    const spent = { attempts: { retrieval: 3, generation: 0 } };
    expect(
      routeAfterGrade(state({ grades: relevantA, ...spent }), settings({ minRelevant: 2 })),
    ).toBe('generate');
  });
  it('finalizes (to abstain) when nothing is relevant and the budget is spent', () => {
    const spent = { attempts: { retrieval: 3, generation: 0 } };
    expect(routeAfterGrade(state({ grades: noneRelevant, ...spent }), settings())).toBe('finalize');
  });
  it("honours a smaller budget from the run's settings", () => {
    const one = settings({ budgets: { maxRetrievals: 1, maxGenerations: 1 } });
    expect(routeAfterGrade(state({ grades: noneRelevant }), one)).toBe('finalize');
  });
});

describe('routeAfterGrounding', () => {
  it('checks the answer when a supported draft is left', () => {
    expect(routeAfterGrounding(state({ draft: 'A. [1]' }), settings())).toBe('checkAnswer');
  });
  it('regenerates when nothing is supported and generations are left', () => {
    expect(
      routeAfterGrounding(state({ attempts: { retrieval: 1, generation: 1 } }), settings()),
    ).toBe('generate');
  });
  it('finalizes when nothing is supported and the generation budget is spent', () => {
    expect(
      routeAfterGrounding(state({ attempts: { retrieval: 1, generation: 2 } }), settings()),
    ).toBe('finalize');
  });
});

describe('routeAfterAnswerCheck', () => {
  it('finalizes an answer that addresses the question', () => {
    expect(routeAfterAnswerCheck(state({ answered: true }), settings())).toBe('finalize');
  });
  it('searches again when the answer falls short and retrievals are left', () => {
    expect(routeAfterAnswerCheck(state({ answered: false }), settings())).toBe('rewrite');
  });
  it('finalizes with what it has when the retrieval budget is spent', () => {
    const spent = { attempts: { retrieval: 3, generation: 1 } };
    expect(routeAfterAnswerCheck(state({ answered: false, ...spent }), settings())).toBe(
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
      'rewrite',
    );
    const later = { attempts: { retrieval: 2, generation: 0 } };
    expect(routeAfterGrade(state({ grades: noneRelevant, ...later }), allowed)).toBe('rewrite');
    expect(routeAfterGrade(state({ grades: noneRelevant }), settings())).toBe('rewrite');
    expect(routeAfterGrade(state({ grades: relevantA }), allowed)).toBe('generate');
  });
});
