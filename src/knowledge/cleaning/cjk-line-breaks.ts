import { CJK_LETTER, CLOSERS, isCjk, SENTENCE_END } from './cjk';
import { JoinedLine } from './joined-line';

/** Lines that start a list item, a heading, a quote or a table row: their break is structure. */
const BLOCK_START = /^(?:[-*+•·#>|]|\d+[.)、]|[（(]\d+[)）]|[①-⑳])/;

/** A short numbered heading (`1.2 基本术语`, `第 8 章 集成学习`, `二、方法`): its break is structure. */
const NUMBERED_HEADING =
  /^(?:第\s*[\d一二三四五六七八九十百]+\s*[章节篇部](?:\s|$)|\d+(?:\.\d+)+\s|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]).{0,30}(?<![，、,；;：:])$/;
/**
 * Longer lines are never numbered headings (the expression above allows 30 characters after the
 * number). Testing a line that grows with every joined line would make joining quadratic.
 */
const MAX_HEADING_LINE = 100;

/** A wrapped line is long; short ones ending in a number or a letter are table cells or labels. */
const MIN_WRAPPED_LINE = 20;

/**
 * Joins lines that a page or an editor wrapped in the middle of a Chinese sentence: a break
 * after a CJK character (or CJK punctuation) that does not end a sentence, or after an inline
 * number or variable of a long Chinese line before more Chinese (`共有 3\n个样本`). Two CJK
 * characters join directly (`作\n铺垫` → `作铺垫`); anything else joins with a space.
 * Blank lines (paragraphs), numbered headings and lines that start a list item stay as they are.
 * Linear in the text: a joined line is tested by its length, its last characters and whether it
 * holds a CJK letter, which JoinedLine keeps up to date, never by rescanning it.
 */
export function joinCjkLineBreaks(text: string): string {
  const [first, ...rest] = text.split('\n');
  const joined: string[] = [];
  let current = new JoinedLine(first);
  for (const line of rest) {
    const next = line.trimStart();
    if (joinsAcross(current, next)) {
      current.join(isCjk(current.lastChar()) && startsCjk(next) ? '' : ' ', next);
    } else {
      joined.push(current.text());
      current = new JoinedLine(line);
    }
  }
  joined.push(current.text());
  return joined.join('\n');
}

function joinsAcross(before: JoinedLine, next: string): boolean {
  if (before.trimmedLength() === 0 || next === '' || BLOCK_START.test(next)) return false;
  if (isNumberedHeading(before) || NUMBERED_HEADING.test(next)) return false;
  const last = before.lastChar();
  if (isCjk(last))
    return !endsSentence(before.tail()) && (startsCjk(next) || /^[A-Za-z]/.test(next));
  return (
    /[A-Za-z0-9]/.test(last) &&
    CJK_LETTER.test(firstChar(next)) &&
    before.trimmedLength() >= MIN_WRAPPED_LINE &&
    before.hasCjkLetter
  );
}

function isNumberedHeading(line: JoinedLine): boolean {
  return line.trimmedLength() <= MAX_HEADING_LINE && NUMBERED_HEADING.test(line.trimmedText());
}

function startsCjk(line: string): boolean {
  return isCjk(firstChar(line));
}

/** The line (its last 8 characters) ends with a sentence end, possibly followed by closers. */
function endsSentence(tail: string): boolean {
  const chars = Array.from(tail);
  let i = chars.length - 1;
  while (i > 0 && CLOSERS.test(chars[i])) i--;
  return SENTENCE_END.test(chars[i]);
}

function firstChar(line: string): string {
  return String.fromCodePoint(line.codePointAt(0) ?? 0x20);
}
