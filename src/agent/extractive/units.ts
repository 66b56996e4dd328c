import { splitSentences } from '../../knowledge/chunking';
import { usesCjk } from '../draft';
import type { RetrievedChunk } from '../types';

/**
 * A piece of a chunk an answer may quote: a sentence, a list item or table row, a lead-in ending
 * in a colon together with the items it introduces, or a series of clauses joined by `；` (A；B；C。:
 * one sentence enumerating, which a list question wants whole). `text` is what the answer shows;
 * every piece of it is verbatim from the chunk (bullets and cell bars aside), so grounding finds it.
 */
export interface TextUnit {
  chunk: RetrievedChunk;
  text: string;
  kind: 'sentence' | 'item' | 'group' | 'series';
  /**
   * Position in the chunk, for ties and reading order. A series sits half a step after its first
   * clause, so that the unit after a sentence is still the one at `order + 1`.
   */
  order: number;
  /**
   * Only for a question asking for a list: a whole enumeration (a series of clauses) that would
   * crowd out the one clause a fact question wants.
   */
  listOnly?: true;
}

/**
 * Bump whenever `chunkUnits` cuts differently: unit vectors stored at ingestion carry it
 * (./engine-vectors), and those made under another version are recomputed, not trusted.
 */
export const UNIT_SEGMENTATION_VERSION = 5;

// `1.` is a bullet, `1.4` a section number (a heading, or a sentence about a version or a factor).
const BULLET = /^\s*(?:[-*+•·▪●◦‣]|\d{1,2}[.)、](?!\d)|[（(]\d{1,2}[)）]|[①-⑳])\s*/;
const CAPTION = /^\s*(?:图|表|Figure|Fig\.|Table)\s*\d+([.-]\d+)*/i;
const NUMBERED_HEADING =
  /^\s*(?:第\s*[一二三四五六七八九十\d]+\s*[章节部分]|\d+(?:\.\d+)*[.、]?)\s*\S/;
const CODE =
  /^\s*(?:#|\/\/|import |from \S+ import|def |class |return |print\(|[\w.]+\s*=[^=]|[\w.]+\(.*\)\s*$|[{}[\]]|"""|'''|```|<\/?\w+>|\$ |npx |npm |curl )/;
const SENTENCE_END = /[。！？!?；;.…”"）)]$/;
/** A line that introduces what follows it: ends in a colon. */
export const LEAD_IN_END = /[：:]$/;
/** Longer than this, a sentence (a transcript without punctuation) is cut at clause marks. */
const LONG_SENTENCE = 120;
const MAX_ITEMS = 8;
/** A series longer than this is a paragraph, not an enumeration a reader takes in whole. */
const MAX_SERIES = 240;
const CLAUSE_END = /[；;]$/;

/** Parenthetical glosses of a title ("（少样本提示词，Few-shot prompting）") are not its punctuation. */
const PARENTHETICAL = /[（(][^（）()]*[）)]/g;

function isHeadingLike(line: string, chunk: RetrievedChunk): boolean {
  const t = line.trim();
  if (chunk.headingPath.some((h) => h.trim() === t)) return true;
  if (CAPTION.test(t)) return true;
  const bare = t.replace(PARENTHETICAL, '').trim();
  if (SENTENCE_END.test(bare) || LEAD_IN_END.test(bare)) return false;
  // "1.2 发展历程", "第三章 …", "1.4 提供少量示例（Few-shot）": a numbered title, short and without
  // a sentence's punctuation outside its parentheses.
  if (NUMBERED_HEADING.test(t) && t.length <= 40 && !/[，,。]/.test(bare)) return true;
  return false;
}

/** A list item or a table row: its text without the bullet; undefined for other lines. */
function itemText(line: string): string | undefined {
  if (line.includes(' | ')) return line.trim();
  const bullet = BULLET.exec(line);
  return bullet ? line.slice(bullet[0].length).trim() : undefined;
}

/** A long unpunctuated sentence as pieces of at most about LONG_SENTENCE characters. */
function pieces(sentence: string): string[] {
  if (sentence.length <= LONG_SENTENCE) return [sentence];
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > LONG_SENTENCE) {
    const window = rest.slice(0, LONG_SENTENCE);
    // A clause mark first: cut at the last space instead, an English piece may end on "the" and
    // the next begin mid-phrase, and neither reads as a statement.
    const clause = Math.max(
      window.lastIndexOf('，'),
      window.lastIndexOf(','),
      window.lastIndexOf('、'),
    );
    const cut = clause > LONG_SENTENCE / 3 ? clause : window.lastIndexOf(' ');
    const at = cut > LONG_SENTENCE / 3 ? cut + 1 : LONG_SENTENCE;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at);
  }
  if (rest.trim()) out.push(rest.trim());
  return out;
}

/**
 * Runs of a line's clauses that end in `；` together with the clause that closes them, as the
 * line holds them (spaces between clauses aside). Two clauses at least; none cut for length.
 */
function clauseSeries(sentences: string[]): string[] {
  const runs: string[] = [];
  let start = 0;
  for (let i = 0; i < sentences.length; i++) {
    if (CLAUSE_END.test(sentences[i])) continue;
    const run = sentences.slice(start, i + 1);
    start = i + 1;
    if (run.length < 2 || run.some((c) => c.length > LONG_SENTENCE)) continue;
    const text = run.join(usesCjk(run.join('')) ? '' : ' ');
    if (text.length <= MAX_SERIES) runs.push(text);
  }
  return runs;
}

/** Enough words to say something: not a formula fragment (`n∑`, `= 1`) or a lone label. */
function readable(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  return han >= 4 || words >= 3 || han + words >= 4;
}

function mostlyHan(line: string): boolean {
  const han = line.match(/\p{Script=Han}/gu)?.length ?? 0;
  // 0.2: a menu line (芝士披萨（大、中、小） 10.95、9.25、6.50) is mostly digits but reads as prose.
  return han >= 4 && han >= line.replace(/\s/g, '').length * 0.2;
}

/** Lines of a chunk outside code: fenced blocks and lines shaped like code are left out. */
function proseLines(text: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    // Natural language inside code (a system prompt's menu, a comment) can still answer.
    if ((fenced || CODE.test(line)) && !mostlyHan(line)) continue;
    lines.push(fenced || CODE.test(line) ? line.trim() : line);
  }
  return lines;
}

/**
 * The quotable units of a chunk, in order: sentences of its prose lines (long ones cut at clause
 * marks), list items and table rows, and each lead-in ending in a colon grouped with the items
 * that follow it. Headings, figure and table captions and code are never units.
 */
export function chunkUnits(chunk: RetrievedChunk): TextUnit[] {
  const units: TextUnit[] = [];
  const lines = proseLines(chunk.text).filter((l) => l.trim() !== '');
  let position = 0;
  const add = (text: string, kind: TextUnit['kind']) => {
    if (readable(text)) units.push({ chunk, text, kind, order: position++ });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isHeadingLike(line, chunk)) continue;
    const item = itemText(line);
    if (item !== undefined) {
      if (item) add(item, 'item');
      continue;
    }
    const sentences = splitSentences(line)
      .map((s) => s.trim())
      .filter(Boolean);
    const lineStart = position;
    for (const s of sentences) for (const p of pieces(s)) add(p, 'sentence');
    for (const run of clauseSeries(sentences)) {
      const first = units.find((u) => u.order >= lineStart && run.startsWith(u.text));
      if (first && readable(run))
        units.push({ chunk, text: run, kind: 'series', order: first.order + 0.5, listOnly: true });
    }
    const last = sentences[sentences.length - 1] ?? '';
    if (LEAD_IN_END.test(last)) {
      const items: string[] = [];
      for (let j = i + 1; j < lines.length && items.length < MAX_ITEMS; j++) {
        const next =
          itemText(lines[j]) ?? (lines[j].trim().length <= 60 ? lines[j].trim() : undefined);
        if (
          next === undefined ||
          isHeadingLike(lines[j], chunk) ||
          LEAD_IN_END.test(lines[j].trim())
        )
          break;
        items.push(next);
      }
      if (items.length) add(`${last}\n${items.map((t) => `• ${t}`).join('\n')}`, 'group');
    }
  }
  return units;
}
