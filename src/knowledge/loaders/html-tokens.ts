import { decodeHTML } from 'entities';

/** What the tokenizer reports, in document order. Tag names are lower case. */
export interface HtmlTokenHandler {
  text(text: string): void;
  open(name: string, selfClosing: boolean): void;
  close(name: string): void;
}

/** Elements whose content is not markup: dropped unread, or (title, textarea) read as text. */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const ESCAPABLE_RAW_TEXT = new Set(['title', 'textarea']);
const TAG_NAME = /[^\s/>]*/y;
const ASCII_LETTER = /[A-Za-z]/;

/**
 * A small HTML tokenizer: text (entities decoded), start and end tags; comments, doctypes and
 * processing instructions skipped; script, style and the like skipped to their end tag. One pass:
 * every search starts where the last one stopped, so no character is read more than a bounded
 * number of times whatever the input (the parser used before went quadratic, and worse, on
 * thousands of unclosed tags: 40,000 `<b>` took minutes).
 */
export function tokenizeHtml(html: string, handler: HtmlTokenHandler): void {
  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      handler.text(decodeHTML(html.slice(pos)));
      return;
    }
    if (lt > pos) handler.text(decodeHTML(html.slice(pos, lt)));
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) pos = commentEnd(html, lt + 4);
    else if (next === '!' || next === '?') pos = afterGreaterThan(html, lt + 2);
    else if (next === '/' && ASCII_LETTER.test(html[lt + 2] ?? '')) {
      const { name, end } = tagName(html, lt + 2);
      pos = tagEnd(html, end).end;
      handler.close(name);
    } else if (next === '/') pos = afterGreaterThan(html, lt + 2);
    else if (ASCII_LETTER.test(next)) pos = startTag(html, lt + 1, handler);
    else {
      handler.text('<');
      pos = lt + 1;
    }
  }
}

function startTag(html: string, from: number, handler: HtmlTokenHandler): number {
  const { name, end: nameEnd } = tagName(html, from);
  const { end, selfClosing } = tagEnd(html, nameEnd);
  handler.open(name, selfClosing);
  if (name === 'plaintext') {
    handler.text(html.slice(end));
    return html.length;
  }
  if (!RAW_TEXT.has(name) && !ESCAPABLE_RAW_TEXT.has(name)) return end;
  const close = closingTag(html, end, name);
  if (ESCAPABLE_RAW_TEXT.has(name)) handler.text(decodeHTML(html.slice(end, close)));
  if (close === html.length) return close;
  handler.close(name);
  return tagEnd(html, close + 2 + name.length).end;
}

function tagName(html: string, from: number): { name: string; end: number } {
  TAG_NAME.lastIndex = from;
  const name = TAG_NAME.exec(html)?.[0] ?? '';
  return { name: name.toLowerCase(), end: from + name.length };
}

/** Past the `>` that ends a tag, skipping quoted attribute values (they may hold a `>`). */
function tagEnd(html: string, from: number): { end: number; selfClosing: boolean } {
  let quote: string | undefined;
  for (let i = from; i < html.length; i++) {
    const char = html[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      if (/[=\s]/.test(html[i - 1])) quote = char;
    } else if (char === '>') {
      return { end: i + 1, selfClosing: html[i - 1] === '/' };
    }
  }
  return { end: html.length, selfClosing: false };
}

/** Where `</name` (followed by a blank, `/` or `>`) starts, or the end of the input. */
function closingTag(html: string, from: number, name: string): number {
  let at = html.indexOf('</', from);
  while (at !== -1) {
    const after = html[at + 2 + name.length] ?? '>';
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name && /[\s/>]/.test(after)) {
      return at;
    }
    at = html.indexOf('</', at + 2);
  }
  return html.length;
}

/** Past a comment's `-->` (or `--!>`, or the `>` of `<!-->` and `<!--->`); the end if unclosed. */
function commentEnd(html: string, from: number): number {
  if (html.startsWith('>', from)) return from + 1;
  if (html.startsWith('->', from)) return from + 2;
  let at = html.indexOf('--', from);
  while (at !== -1) {
    if (html.startsWith('>', at + 2)) return at + 3;
    if (html.startsWith('!>', at + 2)) return at + 4;
    at = html.indexOf('--', at + 1);
  }
  return html.length;
}

function afterGreaterThan(html: string, from: number): number {
  const at = html.indexOf('>', from);
  return at === -1 ? html.length : at + 1;
}
