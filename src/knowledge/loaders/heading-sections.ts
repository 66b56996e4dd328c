import type { DocumentSection } from '../types';

/**
 * Collects text under a heading stack: a new heading closes the current section and replaces the
 * headings at its level and deeper, so every section knows its path from the outermost heading.
 */
export class HeadingSections {
  private readonly sections: DocumentSection[] = [];
  private readonly stack: { level: number; text: string }[] = [];
  private parts: string[] = [];

  heading(level: number, text: string): void {
    this.flush();
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].level >= level) {
      this.stack.pop();
    }
    if (text) this.stack.push({ level, text });
  }

  append(text: string): void {
    this.parts.push(text);
  }

  /** The sections with any text, in document order. */
  finish(): DocumentSection[] {
    this.flush();
    return this.sections;
  }

  private flush(): void {
    const text = this.parts.join('');
    this.parts = [];
    if (text.trim() === '') return;
    this.sections.push({ text, page: null, headingPath: this.stack.map((h) => h.text) });
  }
}
