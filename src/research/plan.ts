/**
 * Splits a compound question into the questions it asks, without a model: at question marks and
 * semicolons, numbered items, and the conjunctions that join two asks ("以及", "并且", "另外",
 * "; and", ", and what/how/why"). A question that does not split is its own one-item plan.
 */
export function planByClauses(question: string, max: number): string[] {
  const parts = question
    .replace(/(^|\s)\(?\d+[.)、]\s*/g, '\n')
    .split(/[？?；;\n]+|以及|并且|另外|此外|,\s*and\s+(?=what|how|why|which|who|when|where)/i)
    .map((p) => p.replace(/^[\s，,。、和与及]+|[\s，,。、]+$/g, '').trim())
    .filter((p) => p.length >= 4);
  const unique = [...new Set(parts)];
  if (unique.length < 2) return [question.trim()];
  const endsLikeQuestion = /[？?]\s*$/.test(question);
  const mark = (p: string) => (/\p{Script=Han}/u.test(p) ? '？' : '?');
  return unique.slice(0, max).map((p) => (endsLikeQuestion && !/[？?]$/.test(p) ? p + mark(p) : p));
}

/** Cleans a plan from a model or a user: strings, trimmed, non-empty, distinct, at most `max`. */
export function cleanPlan(items: unknown, max: number): string[] {
  if (!Array.isArray(items)) return [];
  const out = items
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.trim())
    .filter((x) => x.length > 0 && x.length <= 2000);
  return [...new Set(out)].slice(0, max);
}
