import { usesCjk, type Draft } from '../draft';
import type { Citation, RetrievedChunk } from '../types';
import type { EngineVectors } from '../chunk-vectors';
import { similaritiesOf } from './lexical';
import type { Embed, ExtractiveOptions } from './options';
import { profileQuestion, questionConcepts, answerTypes, type QuestionProfile } from './question';
import {
  conceptWeights,
  duplicates,
  scoreUnit,
  typeBonus,
  weightedCoverage,
  type ScoredUnit,
  type Weights,
} from './scoring';
import { chunkUnits, LEAD_IN_END } from './units';

/** Units embedded per answer: the best by words, so an answer costs a bounded embedding batch. */
const EMBEDDED_UNITS = 48;

/**
 * Composes an answer from the units (sentences, list items, table rows, lead-ins with their
 * lists) of the relevant chunks that best answer the question: each part of a two-part question
 * gets its best unit first, then units close to the best one fill in, up to a length a reader
 * takes in at a glance. Headings, captions and code are never quoted, and a unit that shares too
 * little with the question is never chosen (which is also why a planted instruction in a relevant
 * chunk is not repeated).
 */
export async function composeAnswer(
  question: string,
  chunks: RetrievedChunk[],
  options: ExtractiveOptions,
  embed?: Embed,
  vectors?: EngineVectors,
): Promise<Draft> {
  const profile = profileQuestion(question);
  // A whole enumeration answers a list question; any other question wants its one clause or item.
  const asksList = profile.types.includes('list');
  const units = chunks.flatMap(chunkUnits).filter((u) => !u.listOnly || asksList);
  if (!units.length || !profile.concepts.length) return { draft: '', citations: [] };
  const weights = conceptWeights(profile, units);
  const scored = units.map((u, i) => scoreUnit(u, i, profile, weights));
  const byWords = [...scored].sort((a, b) => b.lexical - a.lexical).slice(0, EMBEDDED_UNITS);
  const similarities = await similaritiesOf(
    question,
    byWords.map((s) => ({ chunkId: s.unit.chunk.id, text: s.unit.text })),
    { embed, vectors },
  );
  byWords.forEach((s, i) => (s.similarity = similarities?.[i] ?? 0));
  // Coverage is relative to what the question asks: the best unit sets the bar.
  const floor = Math.max(options.sentenceThreshold, 0.5 * (byWords[0]?.lexical ?? 0));
  // An English question's words reach Chinese text through translations; when none do, the
  // embedding is all there is to go on.
  const bySimilarity = (s: ScoredUnit) => s.similarity >= options.sentenceSimilarity;
  let qualified = scored.filter(
    (s) => (s.lexical > 0 && s.lexical >= floor) || (bySimilarity(s) && !profile.latin),
  );
  if (!qualified.length && profile.latin) qualified = scored.filter(bySimilarity);
  for (const s of qualified) s.score = finalScore(s, profile);
  qualified.sort((a, b) => b.score - a.score || a.index - b.index);
  return draftFrom(choose(qualified, profile, weights, options, scored));
}

function finalScore(s: ScoredUnit, profile: QuestionProfile): number {
  // Similarity lifts a unit only a little above its words: bge-small-zh finds most Chinese
  // sentences of a topic alike (0.6 and up), so a sentence that shares the topic but few of the
  // asked-for words would otherwise outrank the one that answers.
  // An English question against Chinese text: the embedding ranks poorly, words alone decide.
  const factor = s.noveltyFactor * s.metaFactor;
  if (profile.latin && s.lexical > 0) return (s.lexical + s.typeBonus) * factor;
  const base =
    s.lexical > 0 ? Math.max(s.lexical, Math.min(s.similarity, s.lexical + 0.2)) : s.similarity / 2;
  return (base + s.typeBonus) * factor;
}

/** Best unit per part first (a two-part question needs both), then the close runners-up. */
function choose(
  qualified: ScoredUnit[],
  profile: QuestionProfile,
  weights: Weights,
  options: ExtractiveOptions,
  all: ScoredUnit[] = qualified,
): ScoredUnit[] {
  const chosen: ScoredUnit[] = [];
  let chars = 0;
  const take = (s: ScoredUnit) => {
    chosen.push(s);
    chars += s.unit.text.length;
  };
  if (profile.parts.length > 1) {
    for (const part of profile.parts) {
      const partProfile = {
        ...profile,
        concepts: questionConcepts(part),
        types: answerTypes(part),
      };
      const best = qualified
        .filter((s) => !chosen.includes(s) && !chosen.some((c) => duplicates(c, s)))
        .map((s) => ({ s, v: partScore(s, partProfile, weights) }))
        .sort((a, b) => b.v - a.v)[0];
      if (best && best.v >= options.sentenceThreshold) take(best.s);
    }
  }
  const top = qualified[0]?.score ?? 0;
  // The sentence that matches the question best often restates it, and the answer follows it
  // (推导之前先说明“闭式解”… / 或称为“解析解”): the next unit of its chunk joins it, beside the
  // usual count, so it never pushes out a runner-up; the length limit still holds.
  const best = qualified[0];
  const next = best && successor(best, all);
  let extra = 0;
  if (best && next) {
    if (!chosen.includes(best) && !chosen.some((c) => duplicates(c, best))) take(best);
    const fits = chars + next.unit.text.length <= options.maxAnswerChars;
    if (fits && !chosen.includes(next) && !chosen.some((c) => duplicates(c, next))) {
      take(next);
      extra = 1;
    }
  }
  for (const s of qualified) {
    if (chosen.length >= options.maxSentences + extra) break;
    if (chosen.includes(s) || s.score < top * options.runnerUpShare) continue;
    if (chosen.length && chars + s.unit.text.length > options.maxAnswerChars) continue;
    if (chosen.some((c) => duplicates(c, s))) continue;
    take(s);
  }
  withWhatTheyIntroduce(chosen, all, options);
  // A Chinese question meets an English passage only through glosses, and bge-small-zh finds
  // English sentences less alike to it than Chinese ones on any topic: across languages the scores
  // do not compare, so the English passages' best sentence is weighed among its own and joins
  // when the answer has room left (after the runners-up: it never pushes one out).
  const english = profile.latin ? undefined : bestOfEnglishPassages(all, options);
  if (english && !chosen.includes(english) && !chosen.some((c) => duplicates(c, english))) {
    if (chars + english.unit.text.length <= options.maxAnswerChars) {
      take(english);
    }
  }
  return chosen;
}

/**
 * A lead-in ending in a colon promises what follows it (The agent has four roles…:): a chosen
 * lead-in gives way to the unit holding it with the items it introduces, when the answer has room.
 */
function withWhatTheyIntroduce(
  chosen: ScoredUnit[],
  all: ScoredUnit[],
  options: ExtractiveOptions,
): void {
  for (let i = 0; i < chosen.length; i++) {
    const s = chosen[i];
    if (s.unit.kind !== 'sentence' || !LEAD_IN_END.test(s.unit.text)) continue;
    const group = all.find(
      (g) =>
        g.unit.kind === 'group' &&
        g.unit.chunk === s.unit.chunk &&
        g.unit.text.startsWith(`${s.unit.text}\n`) &&
        !chosen.includes(g),
    );
    if (!group) continue;
    const chars = chosen.reduce((n, c) => n + c.unit.text.length, 0);
    const fits = chars - s.unit.text.length + group.unit.text.length <= options.maxAnswerChars;
    if (!fits && i > 0) continue;
    chosen[i] = group;
    // An item of the list chosen on its own is in the answer now.
    for (let j = chosen.length - 1; j >= 0; j--) {
      if (j === i || !duplicates(group, chosen[j])) continue;
      chosen.splice(j, 1);
      if (j < i) i--;
    }
  }
}

/** Han characters below this share of a chunk's letters: an English passage. */
const ENGLISH_PASSAGE_HAN_SHARE = 0.1;

function englishPassage(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return latin > 0 && han < ENGLISH_PASSAGE_HAN_SHARE * (han + latin);
}

/**
 * The unit of the English passages that best covers the question's words (then the most similar),
 * when it covers as much as the sentence threshold asks; English lines inside a Chinese note (a
 * prompt, a sample) are not an English passage. Measured against the other English units only:
 * the Chinese passages' words set a bar it cannot reach through glosses.
 */
function bestOfEnglishPassages(
  all: ScoredUnit[],
  options: ExtractiveOptions,
): ScoredUnit | undefined {
  const worth = (s: ScoredUnit) => (s.lexical + s.typeBonus) * s.noveltyFactor * s.metaFactor;
  // A chunk's language once, not once per unit of it.
  const english = new Map<ScoredUnit['unit']['chunk'], boolean>();
  const inEnglish = ({ unit: { chunk } }: ScoredUnit) => {
    if (!english.has(chunk)) english.set(chunk, englishPassage(chunk.text));
    return english.get(chunk) === true;
  };
  return all
    .filter(
      (s) =>
        s.lexical >= options.sentenceThreshold &&
        s.unit.kind !== 'group' &&
        s.unit.kind !== 'series' &&
        inEnglish(s),
    )
    .sort((a, b) => worth(b) - worth(a) || b.similarity - a.similarity || a.index - b.index)[0];
}

/**
 * The unit right after one in its chunk, when it can carry an answer: not a lead-in with its
 * list (the list's items follow as units of their own), not a repeat of the question's words,
 * not a sentence about the document.
 */
function successor(s: ScoredUnit, all: ScoredUnit[]): ScoredUnit | undefined {
  if (s.unit.kind === 'group' || s.unit.kind === 'series') return undefined;
  return all.find(
    (u) =>
      u.unit.chunk === s.unit.chunk &&
      u.unit.order === s.unit.order + 1 &&
      u.unit.kind !== 'group' &&
      u.noveltyFactor === 1 &&
      u.metaFactor === 1,
  );
}

/** How well a unit answers one part: that part's words, weighted as for the whole question. */
function partScore(s: ScoredUnit, part: QuestionProfile, weights: Weights): number {
  const lexical = weightedCoverage(part.concepts, s, weights);
  return (lexical + (lexical > 0 ? typeBonus(s, part) : 0)) * s.noveltyFactor * s.metaFactor;
}

function draftFrom(chosen: ScoredUnit[]): Draft {
  const citations: Citation[] = [];
  const parts: string[] = [];
  for (const { unit } of chosen) {
    let citation = citations.find((x) => x.chunkId === unit.chunk.id);
    if (!citation) {
      citation = {
        n: citations.length + 1,
        chunkId: unit.chunk.id,
        source: unit.chunk.source,
        page: unit.chunk.page,
        quote: unit.text,
      };
      citations.push(citation);
    }
    parts.push(usesCjk(unit.text) ? `${unit.text}[${citation.n}]` : `${unit.text} [${citation.n}]`);
  }
  // A citation quotes the chunk's earliest chosen unit, not the best-ranked one: the same passage
  // cited again (a scheduled run comparing with the last one) keeps its quote when other chunks
  // shift the ranking.
  for (const citation of citations) {
    const own = chosen.filter((s) => s.unit.chunk.id === citation.chunkId);
    citation.quote = own.reduce((a, b) => (b.unit.order < a.unit.order ? b : a)).unit.text;
  }
  const cjk = parts.some(usesCjk);
  return { draft: parts.join(cjk ? '' : ' '), citations };
}
