import { HTMLElement, NodeType, parse, type Node } from 'node-html-parser';
import type { IncomingFile, LoadedDocument } from '../types';
import { HeadingSections } from './heading-sections';
import { inlineText, titleFromSource } from './title';

/** Page furniture and non-text: never part of what a document says. */
const DROPPED = 'script, style, noscript, template, nav, footer, svg, iframe, object, canvas';
const HEADING = /^h([1-6])$/;
const BLOCK = new Set(
  (
    'address article aside blockquote body dd div dl dt figcaption figure form header hr li main ' +
    'ol p section table tbody thead tfoot tr ul caption details summary'
  ).split(' '),
);
const CELL = new Set(['td', 'th']);
const FENCE = '```';
/** A `<pre>` block as emitted below; the capture keeps it in `split`'s output. */
const FENCED_BLOCK = /\n(```\n[\s\S]*?\n```)\n/;

/** Sections split at h1–h6 with the heading path, page furniture dropped, `<pre>` kept verbatim. */
export function loadHtml(file: IncomingFile, html: string): LoadedDocument {
  const root = parse(html.replace(/<!doctype[^>]*>/i, ''), { comment: false });
  const title = inlineText(root.querySelector('title')?.text ?? '');
  const firstH1 = inlineText(root.querySelector('h1')?.text ?? '');
  root.querySelector('head')?.remove();
  for (const element of root.querySelectorAll(DROPPED)) element.remove();

  const sections = new HeadingSections();
  walk(root, sections);
  return {
    source: file.source,
    title: title || firstH1 || titleFromSource(file.source),
    format: 'html',
    sections: sections.finish().map((s) => ({ ...s, text: tidy(s.text) })),
    pageCount: 1,
    metadata: { ...file.metadata },
  };
}

function walk(node: Node, sections: HeadingSections): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    sections.append(node.text.replace(/\s+/g, ' '));
    return;
  }
  if (!(node instanceof HTMLElement)) return;
  const tag = node.tagName?.toLowerCase() ?? '';
  const heading = HEADING.exec(tag);
  if (heading) {
    sections.heading(Number(heading[1]), inlineText(node.text));
  } else if (tag === 'pre') {
    // As a fenced block, so the tidying here and the cleaning later leave its spacing alone.
    sections.append(`\n${FENCE}\n${node.text.replace(/^\n|\n$/g, '')}\n${FENCE}\n`);
  } else if (tag === 'br') {
    sections.append('\n');
  } else {
    const separator = BLOCK.has(tag) ? '\n' : CELL.has(tag) ? ' ' : '';
    sections.append(separator);
    for (const child of node.childNodes) walk(child, sections);
    sections.append(separator);
  }
}

/** Trims the spaces that inline markup leaves around line breaks: one line per block. */
function tidy(text: string): string {
  return text
    .split(FENCED_BLOCK)
    .map((part, i) =>
      i % 2 === 1 ? `\n${part}\n` : part.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{2,}/g, '\n'),
    )
    .join('')
    .trim();
}
