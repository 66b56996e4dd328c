import { z } from 'zod';
import { searchTerms, stripQuestionFraming } from '../../knowledge/text-terms';
import { isWholeTerm, questionTerms, termSet } from '../extractive/lexical';
import { questionConcepts, questionParts } from '../extractive/question';
import { DATA_NOT_INSTRUCTIONS, fenceDocuments } from '../llm/documents';
import { leadingChunks, type PromptLimits } from '../llm/prompt-budget';
import { modelBackedNode } from '../node-kinds';
import type { Grades, RetrievedChunk } from '../types';

interface RewriteTask {
  question: string;
  previousQueries: string[];
  chunks: RetrievedChunk[];
  grades: Grades;
  /** What the answer check found the answer lacks: the rewrite searches for exactly that. */
  missing?: string[];
}

export const REWRITER_SYSTEM = `You rewrite a search query so a knowledge-base search finds passages that answer the question.
${DATA_NOT_INSTRUCTIONS}
When told what the answer still lacks, search for exactly that (for a question that asks two
things, the part not yet answered). Keep the question's language and add specific terms. Reply with
the new query only.`;

function rewriterPrompt(
  { question, previousQueries, chunks, missing }: RewriteTask,
  limits: PromptLimits,
): string {
  const tried = previousQueries.map((q) => `- ${q}`).join('\n');
  const lacking = missing?.length ? `\nThe answer so far lacks: ${missing.join(', ')}` : '';
  return `Question: ${question}${lacking}\nQueries already tried:\n${tried}\n\nWhat they found:\n${fenceDocuments(leadingChunks(chunks, limits))}`;
}

/**
 * Offline, when the answer check named what is missing: the part of the question that lacks the
 * most of it (a two-part question's unanswered part), else the missing words themselves.
 */
export function targetedQuery({
  question,
  previousQueries,
  missing,
}: RewriteTask): string | undefined {
  if (!missing?.length) return undefined;
  const lacking = new Set(missing);
  let best: string | undefined;
  let most = 0;
  const parts = questionParts(question);
  for (const part of parts.length > 1 ? parts : []) {
    // A missing name (DeepSeek) may not be one of the part's concepts as spelled: its text counts.
    const named = missing.filter((m) => part.toLowerCase().includes(m.toLowerCase())).length;
    const count = questionConcepts(part).filter((c) => lacking.has(c[0])).length + named;
    if (count > most) [best, most] = [part, count];
  }
  const query = best
    ? stripQuestionFraming(best).replace(/[\s?？!！。.]+$/u, '')
    : missing.join(' ');
  return previousQueries.includes(query) ? missing.join(' ') : query;
}

/** A rewritten query: the reply's first non-empty line, without quotes or a "Query:" label. */
export function parseQueryReply(text: string): string {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  return (line ?? '')
    .replace(/^(new\s+)?(query|查询|检索词)\s*[:：]\s*/i, '')
    .replace(/^["'“‘「]+|["'”’」]+$/gu, '')
    .trim();
}

/**
 * Offline: the question expanded with the most distinctive terms of the best-graded chunks
 * (frequent in those chunks, rare across everything retrieved, not in the question or an earlier
 * query). Without new terms it falls back to the bare keywords of the question.
 */
export function expandQuery(
  { question, previousQueries, chunks, grades }: RewriteTask,
  count: number,
): string {
  const base = stripQuestionFraming(question).replace(/[\s?？!！。.]+$/u, '');
  const known = new Set([...questionTerms(question), ...previousQueries.flatMap(searchTerms)]);
  const ranked = [...chunks].sort(
    (a, b) => (grades[b.id]?.score ?? 0) - (grades[a.id]?.score ?? 0) || b.score - a.score,
  );
  const df = new Map<string, number>();
  for (const chunk of chunks) for (const t of termSet(chunk.text)) df.set(t, (df.get(t) ?? 0) + 1);
  const weight = new Map<string, number>();
  for (const chunk of ranked.slice(0, 2)) {
    for (const t of searchTerms(chunk.text)) {
      if (known.has(t) || !distinctive(t)) continue;
      weight.set(t, (weight.get(t) ?? 0) + Math.log(1 + chunks.length / (df.get(t) ?? 1)));
    }
  }
  const added = [...weight.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([t]) => t);
  if (added.length) return `${base} ${added.join(' ')}`;
  const keywords = questionTerms(question).filter(isWholeTerm).join(' ');
  return previousQueries.includes(base) && keywords ? keywords : base;
}

function distinctive(term: string): boolean {
  if (/^\d+$/.test(term)) return false;
  if (/\p{Script=Han}/u.test(term)) return term.length >= 2 && isWholeTerm(term);
  return term.length >= 3;
}

/** A new search query from what the last rounds found; the router's budget bounds repeats. */
export const rewrite = modelBackedNode({
  role: 'rewriter',
  task: (state): RewriteTask => ({
    question: state.question,
    previousQueries: state.queries.length ? state.queries : [state.question],
    chunks: state.chunks,
    grades: state.grades,
    // Before any answer, what is lacking is a specific term nothing retrieved mentions.
    missing: state.missing.length ? state.missing : state.absentTerms,
  }),
  model: {
    system: REWRITER_SYSTEM,
    prompt: rewriterPrompt,
    schema: z.string(),
    maxTokens: 120,
    // An empty reply falls back to the question itself.
    read: (reply, task) => parseQueryReply(reply ?? '') || task.question,
  },
  offline: (task, { options }) => targetedQuery(task) ?? expandQuery(task, options.rewriteTerms),
  update(state, query: string) {
    const next = query.trim() || state.question;
    return { query: next, queries: [next] };
  },
});
