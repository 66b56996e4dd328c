import type { Citation } from './types';

/** Answer text with inline `[n]` markers, and what each marker cites. */
export interface Draft {
  /** Empty when nothing could be said. */
  draft: string;
  citations: Citation[];
}

export interface DraftSentence {
  text: string;
  markers: number[];
}

/** A sentence, its `[n]` markers, and end punctuation written after the markers. */
const CITED = /([\s\S]*?)((?:\s*\[\d+\])+)([。．.!?！？；;]*)/gy;

/**
 * Splits a draft into sentences at citation markers: "A。[1]B [2]." → A。 [1], B. [2]. Trailing
 * text without a marker is a sentence with no markers (unsupported by definition).
 */
export function splitDraft(draft: string): DraftSentence[] {
  const sentences: DraftSentence[] = [];
  CITED.lastIndex = 0;
  let rest = 0;
  for (let m = CITED.exec(draft); m; m = CITED.exec(draft)) {
    const markers = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    const text = (m[1].trim() + m[3]).trim();
    if (text) sentences.push({ text, markers });
    else if (sentences.length) sentences[sentences.length - 1].markers.push(...markers);
    rest = CITED.lastIndex;
  }
  const tail = draft.slice(rest).trim();
  if (tail) sentences.push({ text: tail, markers: [] });
  return sentences;
}

export function usesCjk(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/** Writes sentences back into a draft, each followed by its markers. */
export function joinDraft(sentences: DraftSentence[]): string {
  const cjk = sentences.some((s) => usesCjk(s.text));
  return sentences
    .map((s) => `${s.text}${cjk ? '' : ' '}${s.markers.map((n) => `[${n}]`).join('')}`.trim())
    .join(cjk ? '' : ' ');
}

/**
 * Keeps the given sentences and the citations they use, renumbered 1..k in order of first use,
 * so the final answer has no gaps where dropped sentences were.
 */
export function keepSentences(sentences: DraftSentence[], citations: Citation[]): Draft {
  const byN = new Map(citations.map((c) => [c.n, c]));
  const renumber = new Map<number, number>();
  const kept: Citation[] = [];
  const rewritten = sentences.map((s) => ({
    text: s.text,
    markers: s.markers.flatMap((n) => {
      const citation = byN.get(n);
      if (!citation) return [];
      let next = renumber.get(n);
      if (next === undefined) {
        next = kept.length + 1;
        renumber.set(n, next);
        kept.push({ ...citation, n: next });
      }
      return [next];
    }),
  }));
  return { draft: joinDraft(rewritten), citations: kept };
}
