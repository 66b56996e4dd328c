/** A sentence (or part of one) with the whitespace at its ends counted once. */
export class Piece {
  readonly lead: number;
  readonly trail: number;

  constructor(readonly text: string) {
    this.lead = text.length - text.trimStart().length;
    this.trail = text.length - text.trimEnd().length;
  }
}

/**
 * The pieces of the chunk being packed, in order, with the sum of their lengths. Every piece has
 * some non-whitespace text, so the length of their concatenation, trimmed, is the sum minus the
 * first piece's leading and the last piece's trailing whitespace: no joining needed to know it.
 */
export class PieceQueue {
  private items: Piece[] = [];
  private head = 0;
  private total = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  /** Trimmed length of the pieces followed by `next`. */
  trimmedLengthWith(next: Piece): number {
    const first = this.size > 0 ? this.items[this.head] : next;
    return this.total + next.text.length - first.lead - next.trail;
  }

  push(piece: Piece): void {
    this.items.push(piece);
    this.total += piece.text.length;
  }

  shift(): void {
    this.total -= this.items[this.head].text.length;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** The pieces joined and trimmed: the chunk's text. */
  text(): string {
    return this.items
      .slice(this.head)
      .map((p) => p.text)
      .join('')
      .trim();
  }

  /** The last `count` pieces. */
  last(count: number): Piece[] {
    return count > 0 ? this.items.slice(this.items.length - count) : [];
  }

  /** How many trailing pieces fit, trimmed, within `limit` characters (walks only those). */
  longestTailWithin(limit: number): number {
    if (this.size === 0) return 0;
    const lastPiece = this.items[this.items.length - 1];
    let sum = 0;
    let count = 0;
    for (let i = this.items.length - 1; i >= this.head; i--) {
      const piece = this.items[i];
      if (sum + piece.text.length - piece.lead - lastPiece.trail > limit) break;
      sum += piece.text.length;
      count++;
    }
    return count;
  }

  /** Starts over with `pieces` (the overlap carried into the next chunk). */
  keepTail(pieces: Piece[]): void {
    this.items = [...pieces];
    this.head = 0;
    this.total = pieces.reduce((sum, p) => sum + p.text.length, 0);
  }
}
