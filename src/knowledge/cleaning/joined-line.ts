import { CJK_LETTER } from './cjk';

/** Characters of a line's end that the joining rules look at (a sentence end and its closers). */
const TAIL = 8;

/**
 * A line being built from wrapped lines. The rules ask about the line without its trailing
 * whitespace: its length, its last characters, whether it holds a CJK letter. Those are kept
 * as lines join, so each question costs the same however long the line has grown (a growing
 * string that is trimmed and searched anew at every join makes joining quadratic).
 */
export class JoinedLine {
  /** Everything before the last line, its trailing whitespace already trimmed. */
  private readonly body: string[] = [];
  private bodyLength = 0;
  private bodyTail = '';
  /** The last line as it came (untrimmed: a line that joins nothing stays exactly as it was). */
  private last: string;
  private lastTrimmed: string;
  hasCjkLetter: boolean;

  constructor(line: string) {
    this.last = line;
    this.lastTrimmed = line.trimEnd();
    this.hasCjkLetter = CJK_LETTER.test(line);
  }

  /** Length of the line without trailing whitespace. */
  trimmedLength(): number {
    return this.bodyLength + this.lastTrimmed.length;
  }

  /** The last (up to) 8 UTF-16 units of the line without trailing whitespace. */
  tail(): string {
    const last = this.lastTrimmed;
    return last.length >= TAIL ? last.slice(-TAIL) : (this.bodyTail + last).slice(-TAIL);
  }

  /** The last character (code point) of the line without trailing whitespace, or ''. */
  lastChar(): string {
    const chars = Array.from(this.tail().slice(-2));
    return chars[chars.length - 1] ?? '';
  }

  /** The whole line without trailing whitespace: for short lines only (it copies). */
  trimmedText(): string {
    return this.body.join('') + this.lastTrimmed;
  }

  /** The line as it stands, trailing whitespace of its last part included. */
  text(): string {
    return this.body.join('') + this.last;
  }

  /** Appends `next` (a line without leading whitespace) after `separator`. */
  join(separator: string, next: string): void {
    const tail = this.tail();
    this.body.push(this.lastTrimmed, separator);
    this.bodyLength += this.lastTrimmed.length + separator.length;
    this.bodyTail = (tail + separator).slice(-TAIL);
    this.last = next;
    this.lastTrimmed = next.trimEnd();
    this.hasCjkLetter ||= CJK_LETTER.test(next);
  }
}
