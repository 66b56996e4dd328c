import type { DocumentSection } from '../types';
import { capHeading, MAX_HEADING_DEPTH } from '../heading-limits';

/**
 * Collects text under a heading stack: a new heading closes the current section and replaces the
 * headings at its level and deeper, so every section knows its path from the outermost heading.
 * A heading longer than the path allows keeps only its start in the path; all of it opens the
 * section's text, so nothing it says is lost.
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
    if (!text || this.stack.length >= MAX_HEADING_DEPTH) return;
    const capped = capHeading(text);
    this.stack.push({ level, text: capped });
    if (capped !== text) this.parts.push(`${text}\n\n`);
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
