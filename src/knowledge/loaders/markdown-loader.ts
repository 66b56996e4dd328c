import type { IncomingFile, LoadedDocument } from '../types';
import { parseAtxHeading } from './atx-heading';
import { HeadingSections } from './heading-sections';
import { inlineText, titleFromSource } from './title';

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
/** Lines a setext underline cannot turn into a heading: list items, quotes, tables, code. */
const NOT_PARAGRAPH = /^(?: {4}|\t| {0,3}(?:[-*+>|]|\d+[.)])(?:\s|$))/;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Sections split at ATX (`## x`) and single-line setext headings, with the heading path outermost
 * first. Heading lines are not part of the section text (the path carries them); `#` lines inside
 * code fences are code, and fences stay intact.
 */
export function loadMarkdown(file: IncomingFile, decoded: string): LoadedDocument {
  const frontMatter = FRONT_MATTER.exec(decoded);
  const body = frontMatter ? decoded.slice(frontMatter[0].length) : decoded;
  const lines = body.replace(/\r?\n$/, '').split(/\r?\n/);
  const sections = new HeadingSections();
  let firstH1: string | undefined;
  let fence: string | undefined;

  lines.forEach((line, i) => {
    const next = lines[i + 1];
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
      sections.append(`${line}\n`);
      return;
    }
    const fenceOpen = FENCE_OPEN.exec(line);
    const atx = fenceOpen ? undefined : parseAtxHeading(line);
    if (fenceOpen) {
      fence = fenceOpen[1];
      sections.append(`${line}\n`);
    } else if (atx) {
      const text = headingText(atx.text);
      if (atx.level === 1) firstH1 ??= text;
      sections.heading(atx.level, text);
    } else if (next !== undefined && isSetextHeading(line, next, lines[i - 1])) {
      const level = next.trim().startsWith('=') ? 1 : 2;
      if (level === 1) firstH1 ??= headingText(line);
      sections.heading(level, headingText(line));
    } else if (!(
      SETEXT_UNDERLINE.test(line) && isSetextHeading(lines[i - 1] ?? '', line, lines[i - 2])
    )) {
      sections.append(`${line}\n`);
    }
  });

  return {
    source: file.source,
    title: frontMatterTitle(frontMatter?.[1]) ?? firstH1 ?? titleFromSource(file.source),
    format: 'markdown',
    sections: sections.finish(),
    pageCount: 1,
    metadata: { ...file.metadata },
  };
}

function closesFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed === fence[0].repeat(trimmed.length);
}

/** A one-line paragraph (blank line or start before it) followed by `===` or `---`. */
function isSetextHeading(line: string, underline: string, before: string | undefined): boolean {
  return (
    SETEXT_UNDERLINE.test(underline) &&
    line.trim() !== '' &&
    !NOT_PARAGRAPH.test(line) &&
    !parseAtxHeading(line) &&
    !FENCE_OPEN.test(line) &&
    (before === undefined || before.trim() === '')
  );
}

/**
 * Heading text without the inline markup that would only add noise to a path. Linear: link text
 * stops at the next bracket and a link target at the next parenthesis, so the scans that start at
 * different `[` (or blanks before `*`) never cover the same characters twice.
 */
function headingText(raw: string): string {
  return inlineText(
    raw
      .replace(/!?\[([^[\]]*)\]\([^()]*\)/g, '$1')
      .replace(/(\*\*|__|`)/g, '')
      .replace(/(^|\s)[*_]([^*_]+)[*_](?=\s|$)/g, '$1$2'),
  );
}

function frontMatterTitle(yaml: string | undefined): string | undefined {
  const match = yaml ? /^title:[ \t]*(.+)$/m.exec(yaml) : null;
  const title = match ? inlineText(match[1].replace(/^(['"])(.*)\1$/, '$2')) : '';
  return title || undefined;
}
