import { CharClass, charClass } from './char-classes';

export interface BertNormalizerOptions {
  cleanText: boolean;
  handleChineseChars: boolean;
  /** `null` in tokenizer.json means "follow lowercase", as the reference does. */
  stripAccents: boolean | null;
  lowercase: boolean;
}

const NONSPACING_MARK = /\p{Mn}/gu;

/** HuggingFace `BertNormalizer`: the steps run in the reference's order. */
export function normalizeBert(text: string, options: BertNormalizerOptions): string {
  let out = '';
  for (const char of text) {
    const cls = charClass(char.codePointAt(0) ?? 0);
    if (options.cleanText && cls & CharClass.Dropped) continue;
    if (options.cleanText && cls & CharClass.Whitespace) out += ' ';
    else if (options.handleChineseChars && cls & CharClass.Chinese) out += ` ${char} `;
    else out += char;
  }
  if (options.stripAccents ?? options.lowercase) {
    out = out.normalize('NFD').replace(NONSPACING_MARK, '');
  }
  if (options.lowercase) out = lowercaseEachChar(out);
  return out;
}

/** Per character, like Rust's `char::to_lowercase`: no context rules such as the final sigma. */
function lowercaseEachChar(text: string): string {
  let out = '';
  for (const char of text) out += char.toLowerCase();
  return out;
}
