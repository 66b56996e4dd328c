import { z } from 'zod';

/**
 * What a question tests: one passage (fact), two passages (multi), an English question over
 * Chinese text (en), no answer in the corpus (none), several parts asked at once ("A 和 B 分别是什么",
 * multipart), several items asked for ("有哪些…", list).
 */
export const QA_KINDS = ['fact', 'multi', 'multipart', 'list', 'en', 'none'] as const;
export type QaKind = (typeof QA_KINDS)[number];

/** One line of a QA file (format in the design notes). */
export const qaItemSchema = z.object({
  id: z.string(),
  lang: z.string(),
  /** Some published sets hold empty questions; they are kept here and skipped by the metrics. */
  question: z.string(),
  source: z.string().nullable(),
  page: z.number().int().nullable(),
  keyphrases: z.array(z.string()),
  answerable: z.boolean(),
  kind: z.enum(QA_KINDS),
  /** One per entry of `sources`; null where that source has no pages. */
  pages: z.array(z.number().int().nullable()).optional(),
  sources: z.array(z.string()).optional(),
  reference_answer: z.string().optional(),
  peer_counted: z.boolean().optional(),
});

export type QaItem = z.infer<typeof qaItemSchema>;

/** Parses JSONL; a bad line fails with its line number and what is wrong. */
export function parseQaJsonl(text: string): QaItem[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, lineNo]) => {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new Error(`line ${lineNo}: not valid JSON`);
      }
      const parsed = qaItemSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`line ${lineNo}: ${issue.path.join('.') || 'item'}: ${issue.message}`);
      }
      return parsed.data;
    });
}
