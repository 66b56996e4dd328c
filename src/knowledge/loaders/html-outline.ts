import type { HeadingSections } from './heading-sections';
import type { HtmlTokenHandler } from './html-tokens';
import { inlineText } from './title';

/** Page furniture and non-text: never part of what a document says. */
const DROPPED = new Set(
  'head script style noscript template nav footer svg iframe object canvas'.split(' '),
);
/** What a `<head>` holds; any other element starts the body, as browsers read it. */
const HEAD_CONTENT = new Set('base link meta title style script noscript template'.split(' '));
const HEADING = /^h([1-6])$/;
const BLOCK = new Set(
  (
    'address article aside blockquote body dd div dl dt figcaption figure form header hr li main ' +
    'ol p section table tbody thead tfoot tr ul caption details summary'
  ).split(' '),
);
const CELL = new Set(['td', 'th']);
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);
/** Open elements an opening tag closes when they are the innermost (`<li>a<li>b`, `<td>a<td>b`). */
const CLOSES: Record<string, ReadonlySet<string>> = {
  li: new Set(['li', 'p']),
  dt: new Set(['dt', 'dd', 'p']),
  dd: new Set(['dt', 'dd', 'p']),
  tr: new Set(['td', 'th', 'tr']),
  td: new Set(['td', 'th']),
  th: new Set(['td', 'th']),
  option: new Set(['option']),
};
/** Deeper elements are not tracked (browsers stop nesting at 512 too); their text still counts. */
const MAX_DEPTH = 512;
const FENCE = '```';

interface Capture {
  kind: 'heading' | 'pre' | 'title';
  level: number;
  /** Index of the capturing element in the stack. */
  depth: number;
  parts: string[];
}

/**
 * Turns HTML tokens into heading sections: h1–h6 start sections, block elements and table cells
 * separate text, `<pre>` becomes a fenced block, furniture (DROPPED) is skipped. Open elements
 * are a stack plus a count per name: an end tag without an open element of its name costs
 * nothing, and one with it pops each element it closes once, so the work is linear in the tokens
 * whatever the nesting.
 */
export class HtmlOutline implements HtmlTokenHandler {
  title?: string;
  firstH1?: string;
  private readonly stack: string[] = [];
  private readonly openCount = new Map<string, number>();
  private dropped = 0;
  private headSeen = false;
  private capture?: Capture;

  constructor(private readonly sections: HeadingSections) {}

  text(text: string): void {
    if (this.capture?.kind === 'title') this.capture.parts.push(text);
    else if (this.dropped > 0) return;
    else if (this.capture) this.capture.parts.push(text);
    else this.sections.append(text.replace(/\s+/g, ' '));
  }

  open(name: string, selfClosing: boolean): void {
    if (name === 'br') {
      if (!this.capture && this.dropped === 0) this.sections.append('\n');
      return;
    }
    if (name === 'head' && this.headSeen) return;
    if (this.count('head') > 0 && !HEAD_CONTENT.has(name))
      this.popTo(this.stack.lastIndexOf('head'));
    const heading = HEADING.exec(name);
    this.closeSiblings(name, heading !== null);
    if (heading && this.capture?.kind === 'heading') this.popTo(this.capture.depth);
    if (VOID.has(name) || selfClosing || this.stack.length >= MAX_DEPTH) {
      if (!this.capture && this.dropped === 0) this.separate(name);
      return;
    }
    this.stack.push(name);
    this.openCount.set(name, this.count(name) + 1);
    if (name === 'head') this.headSeen = true;
    if (DROPPED.has(name)) this.dropped++;
    const depth = this.stack.length - 1;
    if (name === 'title' && this.title === undefined && !this.capture && this.count('svg') === 0) {
      this.capture = { kind: 'title', level: 0, depth, parts: [] };
    } else if (this.dropped === 0 && !this.capture) {
      if (heading) this.capture = { kind: 'heading', level: Number(heading[1]), depth, parts: [] };
      else if (name === 'pre') this.capture = { kind: 'pre', level: 0, depth, parts: [] };
      else this.separate(name);
    }
  }

  close(name: string): void {
    if (name === 'br') return this.open('br', true);
    if (HEADING.test(name)) {
      if (this.headingsOpen() > 0) this.popTo(this.stack.findLastIndex((n) => HEADING.test(n)));
    } else if (this.count(name) > 0) {
      this.popTo(this.stack.lastIndexOf(name));
    }
  }

  /** Closes whatever is still open at the end of the document. */
  finish(): void {
    this.popTo(0);
  }

  private count(name: string): number {
    return this.openCount.get(name) ?? 0;
  }

  private headingsOpen(): number {
    let open = 0;
    for (let level = 1; level <= 6; level++) open += this.count(`h${level}`);
    return open;
  }

  /** `<li>` closes an open `<li>`, a block (or heading) an open `<p>`, and so on. */
  private closeSiblings(name: string, heading: boolean): void {
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      const closesP = top === 'p' && (BLOCK.has(name) || heading || name === 'pre');
      if (top === undefined || !(closesP || CLOSES[name]?.has(top))) return;
      this.popTo(this.stack.length - 1);
    }
  }

  /** Pops the stack down to (and including) index `at`, ending captures and separating blocks. */
  private popTo(at: number): void {
    while (this.stack.length > at) {
      const name = this.stack.pop()!;
      this.openCount.set(name, this.count(name) - 1);
      if (DROPPED.has(name)) this.dropped--;
      if (this.capture?.depth === this.stack.length) this.endCapture();
      else if (this.dropped === 0 && !this.capture) this.separate(name);
    }
  }

  private endCapture(): void {
    const { kind, level, parts } = this.capture!;
    this.capture = undefined;
    const text = parts.join('');
    if (kind === 'title') {
      this.title = text;
    } else if (kind === 'heading') {
      const heading = inlineText(text);
      if (level === 1 && heading) this.firstH1 ??= heading;
      this.sections.heading(level, heading);
    } else {
      const code = text.trim() === '' ? '' : text.replace(/^\n|\n$/g, '');
      this.sections.append(`\n${FENCE}\n${code}\n${FENCE}\n`);
    }
  }

  private separate(name: string): void {
    if (BLOCK.has(name)) this.sections.append('\n');
    else if (CELL.has(name)) this.sections.append(' ');
  }
}
