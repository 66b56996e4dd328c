/** Han ideographs and Japanese kana: scripts written without spaces between words. */
export const CJK_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** CJK symbols and punctuation, full-width forms, and the quotes and dashes Chinese text uses. */
export const CJK_PUNCTUATION =
  /[\u3000-\u303f\uff00-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]/;
/** What ends a sentence at the end of a line: Chinese 。！？； and their ASCII or ellipsis kin. */
export const SENTENCE_END = /[。！？；!?…]/;
/** Closing quotes and brackets that may follow a sentence end. */
export const CLOSERS = /[”’」』）)】》〕〉"'\]]/;

export function isCjk(char: string): boolean {
  return CJK_LETTER.test(char) || CJK_PUNCTUATION.test(char);
}
