import { englishMentions, englishReading, type EnglishReading } from './english-reading';
import { normalizeForMatch } from './lexical';
import type { AnswerType, Concept, QuestionProfile } from './question';
import { mentionMatcher, textView } from './text-views';
import type { TextUnit } from './units';

/** A unit with what the ranking knows of it. */
export interface ScoredUnit {
  unit: TextUnit;
  index: number;
  terms: ReadonlySet<string>;
  /** Lowercased text with whitespace collapsed, for phrase and word look-ups. */
  plain: string;
  /** `plain` without whitespace. */
  compact?: string;
  /**
   * For a Chinese question, the unit's English words as its words can meet them (./english-reading);
   * null for a unit without English, absent for an English question.
   */
  english?: EnglishReading | null;
  /** Weighted share of the question's concepts the unit mentions (0-1). */
  lexical: number;
  similarity: number;
  /** Added when the unit holds the kind of thing the question asks for (a number, a year…). */
  typeBonus: number;
  /** Below 1 for a unit that only repeats the question's words: it cannot be the answer. */
  noveltyFactor: number;
  /** Below 1 for a unit about the document itself (本章讨论了…, 参考下表): it states no fact. */
  metaFactor: number;
  score: number;
}

/** Concept weights by key: rarer among the candidate units is more telling. */
export type Weights = Map<string, number>;

export const conceptKey = (c: Concept) => c.join('\u0001');

type Matchable = Pick<ScoredUnit, 'terms' | 'plain' | 'compact' | 'english'>;

export function conceptHit(concept: Concept, s: Matchable): boolean {
  if (concept.some((alt) => s.terms.has(alt) || (alt.length >= 2 && mentionMatcher(alt)(s))))
    return true;
  return !!s.english && englishMentions(concept, s.english);
}

/**
 * A unit's text as the question's concepts are matched against it: a Chinese question also reads
 * English units the other way round, since its glosses alone rarely meet the words a page uses.
 */
function matchable(text: string, profile: QuestionProfile): Matchable {
  const view = textView(text);
  return profile.latin ? view : { ...view, english: englishReading(text) };
}

/** Share of the concepts a text mentions, each counted once. */
export function conceptCoverage(concepts: Concept[], text: string): number {
  if (!concepts.length) return 0;
  const view = textView(text);
  return concepts.filter((c) => conceptHit(c, view)).length / concepts.length;
}

export function conceptWeights(profile: QuestionProfile, units: TextUnit[]): Weights {
  const views = units.map((u) => matchable(u.text, profile));
  const specific = new Set(profile.specific.map((c) => c[0].toLowerCase()));
  const weights: Weights = new Map();
  for (const concept of profile.concepts) {
    const df = views.filter((v) => conceptHit(concept, v)).length;
    const w = Math.log(1 + views.length / (1 + df));
    weights.set(conceptKey(concept), concept.some((a) => specific.has(a)) ? w * 1.5 : w);
  }
  return weights;
}

export function weightedCoverage(concepts: Concept[], s: Matchable, weights: Weights): number {
  let total = 0;
  let hit = 0;
  for (const c of concepts) {
    const w = weights.get(conceptKey(c)) ?? 1;
    total += w;
    if (conceptHit(c, s)) hit += w;
  }
  return total ? hit / total : 0;
}

const TYPE_EVIDENCE: Record<AnswerType, RegExp> = {
  number: /\d|[一二两三四五六七八九十百千万几]+\s*[个位种章部次条点年天岁分元件倍层项类步组]/,
  year: /(?:1[89]|20)\d{2}/,
  name: /[A-Z][A-Za-z0-9]+|[“「《][^”」》]+[”」》]|(?:公司|大学|学院|老师|教授|团队|先生|女士)/,
  list: /、.+、|\n•|;.+;|；.+；/,
  reason:
    /因为|由于|所以|因此|导致|原因|为了|以便|以免|以防|because|since|due to|so that|in order to/i,
  definition:
    /称为|叫做|叫作|是指|指的是|即为|被称作|定义为|也称|又称|简称|called|known as|refers to|means/i,
};

/** What the question asks for, found in the unit and not just copied from the question. */
export function typeBonus(s: Pick<ScoredUnit, 'plain' | 'unit'>, profile: QuestionProfile): number {
  let bonus = 0;
  const q = profile.question;
  for (const type of profile.types) {
    const m = TYPE_EVIDENCE[type].exec(s.unit.text);
    if (m && !q.includes(m[0])) bonus += 0.1;
  }
  const enumerates = s.unit.kind === 'group' || s.unit.kind === 'series';
  if (enumerates && profile.types.includes('list')) bonus += 0.1;
  return Math.min(bonus, 0.2);
}

/**
 * A sentence that speaks of the text it sits in rather than of the subject: a chapter's lead-in or
 * summary (本章讨论了…, 本章以…为例, "In this chapter we…"), a course's hopes, or a pointer to a
 * table or figure (参考下表, 如下所示). It shares the chapter's words with any question on the
 * chapter, and answers none of them. 本节介绍的三种方法分别对应… names the chapter's content and goes
 * on to state a fact about it: not about the document.
 */
const ABOUT_THE_DOCUMENT = [
  /^(?:在|通过)?(?:本|这一?|上一?|下一?)(?:章|节|课|讲|篇|部分|课程|教程|笔记|小节)(?:中|里|内)?[，,]?\s*(?:我们)?(?:将|会|主要|首先|重点)?(?:讨论|介绍|展示|讲解|讲述|探讨|学习|总结|回顾|演示|了解|以)(?!的)/,
  /(?:本|该)(?:课程|教程|章节?)(?:能|将|会)?(?:激发|帮助|希望|重点)/,
  /(?:我们)?(?:衷心|真诚)?希望(?:该|本|这门)(?:课程|教程|章|书)/,
  /(?:参考|参见|见|如)(?:下|上)(?:表|图|文|面)(?:所示)?[（(。：:\s]*(?:[(（][^)）]*[)）])?\s*[。：:]?$/,
  /^(?:in|throughout) (?:this|the next|the previous) (?:chapter|section|lesson|course|tutorial|notebook)\b/i,
  /^this (?:chapter|section|lesson|course|tutorial|notebook) (?:covers|discusses|shows|introduces|explains|describes|will|is)\b/i,
];

export function aboutTheDocument(text: string): boolean {
  const t = text.trim();
  return ABOUT_THE_DOCUMENT.some((re) => re.test(t));
}

/** A question on what a chapter covers (第 2 章介绍了哪几种…) is answered by its lead-in. */
const ASKS_ABOUT_THE_DOCUMENT =
  /(?:章|节|课|篇|部分)\s*(?:里|中)?\s*(?:主要|一共|都)?(?:介绍|讨论|讲解|讲述|讲了|涵盖|包括)|\b(?:chapter|section|lesson)\b.*\b(?:cover|discuss|introduce|present)/i;

function asksAboutTheDocument(question: string): boolean {
  return ASKS_ABOUT_THE_DOCUMENT.test(question);
}

/** Words of the unit the question does not already have: an answer adds something. */
function novelty(terms: ReadonlySet<string>, profile: QuestionProfile): number {
  const known = new Set(profile.concepts.flat());
  let fresh = 0;
  for (const t of terms) if (!known.has(t) && t.length >= 2) fresh++;
  return fresh;
}

export function scoreUnit(
  unit: TextUnit,
  index: number,
  profile: QuestionProfile,
  weights: Weights,
): ScoredUnit {
  const view = matchable(unit.text, profile);
  const scored: ScoredUnit = {
    unit,
    index,
    terms: view.terms,
    plain: view.plain,
    compact: view.compact,
    english: view.english,
    lexical: weightedCoverage(profile.concepts, view, weights),
    similarity: 0,
    typeBonus: 0,
    noveltyFactor: novelty(view.terms, profile) >= 2 ? 1 : 0.5,
    metaFactor: aboutTheDocument(unit.text) && !asksAboutTheDocument(profile.question) ? 0.5 : 1,
    score: 0,
  };
  scored.typeBonus = typeBonus(scored, profile);
  return scored;
}

/** The same sentence twice, or one inside the other, or nearly the same words. */
export function duplicates(a: ScoredUnit, b: ScoredUnit): boolean {
  const x = normalizeForMatch(a.unit.text);
  const y = normalizeForMatch(b.unit.text);
  if (x.includes(y) || y.includes(x)) return true;
  const shared = [...a.terms].filter((t) => b.terms.has(t)).length;
  return shared / Math.max(1, Math.min(a.terms.size, b.terms.size)) >= 0.8;
}
