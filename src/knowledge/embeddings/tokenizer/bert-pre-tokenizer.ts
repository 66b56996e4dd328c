import { CharClass, charClass } from './char-classes';

/** HuggingFace `BertPreTokenizer`: split on whitespace, and every punctuation mark is its own word. */
export function preTokenizeBert(text: string): string[] {
  const words: string[] = [];
  let word = '';
  for (const char of text) {
    const cls = charClass(char.codePointAt(0) ?? 0);
    if (cls & (CharClass.Whitespace | CharClass.Punctuation)) {
      if (word) words.push(word);
      word = '';
      if (cls & CharClass.Punctuation) words.push(char);
    } else {
      word += char;
    }
  }
  if (word) words.push(word);
  return words;
}
