import { LIMITS } from '../../workflows/contract';

/** What starts a new question after " and ": a bare "and" inside one ask ("BM25 and HNSW") stays. */
const NEW_ASK = '(?:what|how|why|which|who|when|where|is|are|does|do|did|can|could|should|will)\\b';

const SPLIT = new RegExp(`[？?；;\\n]+|以及|并且|另外|此外|,?\\s+and\\s+(?=${NEW_ASK})`, 'i');

/**
 * "A和B分别是什么" asks the same thing of A and of B: it becomes "A是什么", "B是什么" (also "A、B和C").
 * Only the whole clause is split, so a "和" elsewhere ("混合检索和向量检索的区别") is left alone.
 */
function splitRespectively(clause: string): string[] {
  const m = /^(.+?)分别(.+)$/u.exec(clause);
  if (!m) return [clause];
  const subjects = m[1].split(/和|与|及|、/u).map((s) => s.trim());
  if (subjects.length < 2 || subjects.some((s) => !s)) return [clause];
  return subjects.map((s) => s + m[2]);
}

/**
 * Splits a compound question into the questions it asks, without a model: at question marks and
 * semicolons, numbered items, and the joining words between two asks ("以及", "并且", "A和B分别",
 * " and how/what…"). A question that does not split into at least two is its own one-item plan.
 */
export function planByClauses(question: string, max: number): string[] {
  const parts = question
    // Numbered items ("1." "2)" "3、") start new questions; "2.0" is a number, not an item.
    .replace(/(^|[\s:：])\(?\d+[.)、](?!\d)\s*/g, '$1\n')
    .split(SPLIT)
    .map((p) => p.replace(/^[\s，,。、:：和与及]+|[\s，,。、:：]+$/gu, '').trim())
    .flatMap(splitRespectively)
    // A fragment too short to ask anything (a stray label or word) is not a sub-question.
    .filter((p) => p.length >= 3);
  const unique = [...new Set(parts)];
  if (unique.length < 2) return [question.trim()];
  const endsLikeQuestion = /[？?]\s*$/.test(question);
  const mark = (p: string) => (/\p{Script=Han}/u.test(p) ? '？' : '?');
  // Each part stands alone as a question: "… and how does X work" asks "How does X work?".
  const standAlone = (p: string) => p.charAt(0).toUpperCase() + p.slice(1);
  return unique
    .slice(0, max)
    .map((p) => standAlone(endsLikeQuestion && !/[？?]$/.test(p) ? p + mark(p) : p));
}

/** Cleans a plan from a model or a user: strings, trimmed, non-empty, distinct, at most `max`. */
export function cleanPlan(items: unknown, max: number): string[] {
  if (!Array.isArray(items)) return [];
  const out = items
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.replace(/\s+/g, ' ').trim())
    .filter((x) => x.length > 0 && x.length <= LIMITS.questionChars);
  return [...new Set(out)].slice(0, max);
}
