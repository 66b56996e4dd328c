/**
 * Words that frame a question rather than say what it is about: "according to the context above,
 * please explain …". They carry no topic, yet in BM25 they match whatever passage happens to use
 * them, often outscoring the words that matter. Removed from the keyword side of a query only.
 */
const PREAMBLE =
  /(请|请你)?(根据|基于|结合|依据|参考|按照)(以下|上述|上文|下文|前文|所|给定|给出|提供|所给|给定的|提供的)*(的)?(上下文|原文|文本|文章|内容|信息|资料|材料|段落|知识)(信息|内容)?(中|里)?[，,。：:、\s]*/g;
// No word in the repeated group above may be a sequence of others (所提供 was 所 + 提供): a string
// of such words could then be split in 2^n ways, each tried before a failing match gives up.

// Only words that never carry the topic in a question; 信息 or 内容 stay (信息增益 is a topic).
const FRAMING_WORDS = [
  '解释',
  '说明',
  '描述',
  '阐述',
  '简述',
  '给出',
  '举例',
  '例子',
  '具体',
  '含义',
  '什么',
  '如何',
  '怎样',
  '为什么',
  '为何',
  '哪些',
];

/** 请 as "please" starts a clause; inside a word (请求, 申请) it is part of the topic. */
const PLEASE = /(^|[\s\p{P}])请你?/gu;

const ENGLISH_FRAMING =
  /\b((according to|based on|using) the (given |provided |above |following )?(context|text|passage|document)s?|please|explain|describe|what is|what are|how does|how do|why)\b/gi;

/** The question with its framing removed; the original when nothing would be left. */
export function stripQuestionFraming(question: string): string {
  let q = question.replace(PREAMBLE, ' ').replace(ENGLISH_FRAMING, ' ').replace(PLEASE, '$1 ');
  for (const w of FRAMING_WORDS) q = q.split(w).join(' ');
  q = q.replace(/\s+/g, ' ').trim();
  return q.replace(/[\s，,。？?！!、；;：:]/g, '').length >= 2 ? q : question;
}
