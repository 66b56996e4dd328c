import { mentionMatcher, textView } from '../../src/agent/extractive/text-views';

describe('text views (the engine word matching, kept per text)', () => {
  it('computes a text once and answers the same view again', () => {
    const a = textView('强化学习 (Reinforcement Learning) 的 目标');
    expect(textView('强化学习 (Reinforcement Learning) 的 目标')).toBe(a);
    expect(a.terms.has('reinforcement')).toBe(true);
    expect(a.plain).toBe('强化学习 (reinforcement learning) 的 目标');
    expect(a.compact).toBe('强化学习(reinforcementlearning)的目标');
  });

  it('matches Latin words whole and Han text ignoring spaces, as before the cache', () => {
    const view = textView('See the URL of GLM系列 and 17件 items; 强化 学习');
    expect(mentionMatcher('rl')(view)).toBe(false);
    expect(mentionMatcher('url')(view)).toBe(true);
    expect(mentionMatcher('GLM')(view)).toBe(true);
    expect(mentionMatcher('17')(view)).toBe(true);
    expect(mentionMatcher('强化学习')(view)).toBe(true);
    // A view without its compact form (built elsewhere) is compacted on the fly.
    expect(mentionMatcher('强化学习')({ plain: view.plain })).toBe(true);
    expect(mentionMatcher('深度学习')(view)).toBe(false);
  });
});
