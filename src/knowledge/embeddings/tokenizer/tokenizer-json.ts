import { z } from 'zod';

const specialTokenItem = z.object({
  SpecialToken: z.object({ id: z.string(), type_id: z.number() }),
});
const sequenceItem = z.object({ Sequence: z.object({ id: z.literal('A'), type_id: z.number() }) });

/** The parts of a HuggingFace tokenizer.json this tokenizer implements; anything else is refused. */
export const bertTokenizerJson = z.object({
  added_tokens: z.array(
    z.object({
      id: z.number().int(),
      content: z.string().min(1),
      single_word: z.literal(false),
      lstrip: z.literal(false),
      rstrip: z.literal(false),
      normalized: z.literal(false),
    }),
  ),
  normalizer: z.object({
    type: z.literal('BertNormalizer'),
    clean_text: z.boolean(),
    handle_chinese_chars: z.boolean(),
    strip_accents: z.boolean().nullable(),
    lowercase: z.boolean(),
  }),
  pre_tokenizer: z.object({ type: z.literal('BertPreTokenizer') }),
  post_processor: z.object({
    type: z.literal('TemplateProcessing'),
    single: z.array(z.union([specialTokenItem, sequenceItem])),
    special_tokens: z.record(
      z.string(),
      z.object({ ids: z.array(z.number().int()), tokens: z.array(z.string()) }),
    ),
  }),
  model: z.object({
    type: z.literal('WordPiece'),
    unk_token: z.string(),
    continuing_subword_prefix: z.string(),
    max_input_chars_per_word: z.number().int().positive(),
    vocab: z.record(z.string(), z.number().int()),
  }),
});

export type BertTokenizerJson = z.infer<typeof bertTokenizerJson>;

/** Parses tokenizer.json text; the error names every field that is not what this tokenizer supports. */
export function parseBertTokenizerJson(text: string, source: string): BertTokenizerJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = bertTokenizerJson.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(root)'}: ${i.message}`,
    );
    throw new Error(
      `${source} is not a BERT WordPiece tokenizer this code supports:\n  ${problems.join('\n  ')}`,
    );
  }
  return parsed.data;
}

/** Ids the single-sequence template puts before and after the text. */
export function singleSequenceTemplate(json: BertTokenizerJson): {
  prefix: number[];
  suffix: number[];
} {
  const prefix: number[] = [];
  const suffix: number[] = [];
  let seenSequence = false;
  for (const item of json.post_processor.single) {
    if ('Sequence' in item) {
      seenSequence = true;
      continue;
    }
    const special = json.post_processor.special_tokens[item.SpecialToken.id];
    if (!special) throw new Error(`template names unknown special token ${item.SpecialToken.id}`);
    (seenSequence ? suffix : prefix).push(...special.ids);
  }
  if (!seenSequence) throw new Error('the single-sequence template has no sequence');
  return { prefix, suffix };
}
