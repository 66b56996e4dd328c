export interface WordPieceOptions {
  vocab: ReadonlyMap<string, number>;
  unkToken: string;
  continuingSubwordPrefix: string;
  maxInputCharsPerWord: number;
}

/** HuggingFace `WordPiece` model: greedy longest-match-first; a word with any unknown part is [UNK]. */
export class WordPiece {
  private readonly unkId: number;
  /** No vocabulary entry is longer (in code points), so longer candidates need no lookup. */
  private readonly longestPiece: number;

  constructor(private readonly options: WordPieceOptions) {
    const unkId = options.vocab.get(options.unkToken);
    if (unkId === undefined) {
      throw new Error(`WordPiece: unk token ${options.unkToken} is not in the vocabulary`);
    }
    this.unkId = unkId;
    let longest = 0;
    for (const piece of options.vocab.keys()) longest = Math.max(longest, [...piece].length);
    this.longestPiece = longest;
  }

  /** Appends the ids of one pre-tokenized word to `ids`. */
  tokenizeWord(word: string, ids: number[]): void {
    const { vocab, continuingSubwordPrefix, maxInputCharsPerWord } = this.options;
    const whole = vocab.get(word);
    if (whole !== undefined) {
      ids.push(whole);
      return;
    }
    const chars = [...word];
    if (chars.length > maxInputCharsPerWord) {
      ids.push(this.unkId);
      return;
    }
    const pieces: number[] = [];
    for (let start = 0; start < chars.length;) {
      const prefix = start > 0 ? continuingSubwordPrefix : '';
      let end = Math.min(chars.length, start + this.longestPiece);
      let found: number | undefined;
      for (; end > start; end--) {
        found = vocab.get(prefix + chars.slice(start, end).join(''));
        if (found !== undefined) break;
      }
      if (found === undefined) {
        ids.push(this.unkId);
        return;
      }
      pieces.push(found);
      start = end;
    }
    ids.push(...pieces);
  }
}
