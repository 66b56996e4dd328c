import { searchTerms } from '../../knowledge/text-terms';
import { LruCache } from '../../knowledge/embeddings/lru-cache';

/**
 * What the engine's word matching reads of a text. The same chunk and unit texts come back in
 * every node of a task (grade, compose, grounding) and in every task that retrieves them, and
 * cutting them with jieba was the largest share of a step's own CPU: views are kept by text.
 */
export interface TextView {
  terms: ReadonlySet<string>;
  /** Lowercased NFKC text with whitespace collapsed, for phrase and word look-ups. */
  plain: string;
  /** `plain` without any whitespace, for Han look-ups that ignore spacing. */
  compact: string;
}

/** Texts remembered per process: chunks and their units, a few hundred bytes each. */
export const TEXT_VIEW_CACHE_SIZE = 20_000;

const views = new LruCache<string, TextView>(TEXT_VIEW_CACHE_SIZE);

export function plainText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
}

/** The view of a text, computed once per text; callers must not change it (it is shared). */
export function textView(text: string): TextView {
  let view = views.get(text);
  if (!view) {
    const plain = plainText(text);
    view = { terms: new Set(searchTerms(text)), plain, compact: plain.replace(/\s+/g, '') };
    views.set(text, view);
  }
  return view;
}

type Matcher = (view: Pick<TextView, 'plain'> & { compact?: string }) => boolean;

const matchers = new LruCache<string, Matcher>(TEXT_VIEW_CACHE_SIZE);

/**
 * Whether a text mentions `alt`: a Latin word or phrase as a whole word (`rl` is not in `url`),
 * Han text as a substring ignoring spaces. Built once per alternative: a question's concepts are
 * matched against every unit of every chunk, and compiling the pattern each time cost more than
 * matching it.
 */
export function mentionMatcher(alt: string): Matcher {
  let match = matchers.get(alt);
  if (!match) {
    const a = alt.normalize('NFKC').toLowerCase();
    if (/\p{Script=Han}/u.test(a)) {
      const needle = a.replace(/\s+/g, '');
      match = (v) => (v.compact ?? v.plain.replace(/\s+/g, '')).includes(needle);
    } else {
      const escaped = a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      // Latin boundaries only: GLM in GLM系列 and 17 in 17件 count, rl in url does not.
      const re = new RegExp(
        `(?<![a-z0-9\\p{Script=Latin}])${escaped}(?![a-z0-9\\p{Script=Latin}])`,
        'u',
      );
      // Most texts lack the word altogether: a substring test turns them away before the regex.
      match = (v) => v.plain.includes(a) && re.test(v.plain);
    }
    matchers.set(alt, match);
  }
  return match;
}
