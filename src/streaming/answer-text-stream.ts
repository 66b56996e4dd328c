/**
 * The readable text inside a structured answer as it streams: the generator replies with
 * `{"sentences":[{"text":"…","document":1},…]}`, and a person following the task wants the
 * sentences, not the JSON around them. Fed the reply piece by piece, it returns the characters of
 * every `"text"` value decoded so far and nothing else; a plain-text reply passes through as is.
 */
export class AnswerTextStream {
  private mode: 'start' | 'json' | 'plain' = 'start';
  private inString = false;
  private escape = '';
  private current = '';
  private lastKey = '';
  /** Whether the string being read is a value (after a colon) rather than a key. */
  private afterColon = false;
  private emitting = false;

  push(piece: string): string {
    let out = '';
    for (const ch of piece) {
      if (this.mode === 'start') {
        if (/\s/.test(ch)) continue;
        this.mode = ch === '{' || ch === '[' ? 'json' : 'plain';
      }
      if (this.mode === 'plain') {
        out += ch;
        continue;
      }
      out += this.json(ch);
    }
    return out;
  }

  private json(ch: string): string {
    if (!this.inString) {
      if (ch === '"') {
        this.inString = true;
        this.current = '';
        this.emitting = this.afterColon && this.lastKey === 'text';
      } else if (ch === ':') this.afterColon = true;
      else if (ch === ',' || ch === '{' || ch === '[') this.afterColon = false;
      return '';
    }
    if (this.escape) {
      this.escape += ch;
      const decoded = decodeEscape(this.escape);
      if (decoded === undefined) return '';
      this.escape = '';
      this.current += decoded;
      return this.emitting ? decoded : '';
    }
    if (ch === '\\') {
      this.escape = ch;
      return '';
    }
    if (ch === '"') {
      this.inString = false;
      if (!this.afterColon) this.lastKey = this.current;
      else this.afterColon = false;
      this.emitting = false;
      return '';
    }
    this.current += ch;
    return this.emitting ? ch : '';
  }
}

/** The character an escape sequence stands for, or undefined while it is incomplete. */
function decodeEscape(seq: string): string | undefined {
  if (seq.length < 2) return undefined;
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
  const kind = seq[1];
  if (kind !== 'u') return simple[kind] ?? kind;
  if (seq.length < 6) return undefined;
  return String.fromCharCode(parseInt(seq.slice(2, 6), 16));
}
