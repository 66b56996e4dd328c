/**
 * Words too common to help BM25 ranking. Kept small on purpose: a word missing here costs a little
 * ranking noise, a word wrongly listed here can never be found by keyword search.
 */
export const CHINESE_STOPWORDS: ReadonlySet<string> = new Set(
  (
    '的 地 得 了 是 在 和 与 及 或 也 都 而 并 等 着 把 被 之 其 于 吗 呢 吧 啊 个 这 那 就 还 ' +
    '又 即 则 但 让 向 从 对 以 为 将 由 所 给 一个 这个 那个 这些 那些 我们 你们 他们 它们 ' +
    '什么 如何 怎么 怎样 哪些 哪个 为什么 是否 以及 因此 所以 但是 而且 或者 如果 可以 进行 ' +
    '通过 关于 其中 请问'
  ).split(' '),
);

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the of to in on at by for with from as into and or but if then than so not no nor ' +
    'is are was were be been being am do does did has have had can could will would shall ' +
    'should may might it its this that these those there here i me my we our you your he him ' +
    'his she her they them their what which who whom how why when where s t'
  ).split(' '),
);

export function isStopword(term: string): boolean {
  return CHINESE_STOPWORDS.has(term) || ENGLISH_STOPWORDS.has(term);
}
