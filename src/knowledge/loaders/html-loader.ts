import type { IncomingFile, LoadedDocument } from '../types';
import { HeadingSections } from './heading-sections';
import { HtmlOutline } from './html-outline';
import { tokenizeHtml } from './html-tokens';
import { inlineText, titleFromSource } from './title';

/** A `<pre>` block as emitted by HtmlOutline; the capture keeps it in `split`'s output. */
const FENCED_BLOCK = /\n(```\n[\s\S]*?\n```)\n/;

/** Sections split at h1–h6 with the heading path, page furniture dropped, `<pre>` kept verbatim. */
export function loadHtml(file: IncomingFile, html: string): LoadedDocument {
  const sections = new HeadingSections();
  const outline = new HtmlOutline(sections);
  tokenizeHtml(html, outline);
  outline.finish();
  return {
    source: file.source,
    title: inlineText(outline.title ?? '') || outline.firstH1 || titleFromSource(file.source),
    format: 'html',
    sections: sections.finish().map((s) => ({ ...s, text: tidy(s.text) })),
    pageCount: 1,
    metadata: { ...file.metadata },
  };
}

/**
 * Trims the spaces that inline markup leaves around line breaks: one line per block. Linear: a
 * fence block is tried only where `\n```\n` stands and ends at the next one.
 */
function tidy(text: string): string {
  return text
    .split(FENCED_BLOCK)
    .map((part, i) =>
      i % 2 === 1 ? `\n${part}\n` : trimBlanksAtBreaks(part).replace(/\n{2,}/g, '\n'),
    )
    .join('')
    .trim();
}

const isBlank = (char: string): boolean => char === ' ' || char === '\t';

/**
 * Drops spaces and tabs next to line breaks. By hand: the expression "blanks, a line break,
 * blanks" rescans a long run of blanks from each of its blanks when no line break follows.
 */
function trimBlanksAtBreaks(text: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      let start = 0;
      let end = line.length;
      if (i > 0) while (start < end && isBlank(line[start])) start++;
      if (i < lines.length - 1) while (end > start && isBlank(line[end - 1])) end--;
      return line.slice(start, end);
    })
    .join('\n');
}
