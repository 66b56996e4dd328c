import {
  defaultPayloadConverter,
  defineSearchAttributeKey,
  SearchAttributeType,
  type Payload,
} from '@temporalio/common';

/** Custom search attributes Quarry registers on its namespace; tasks are listed and filtered through them. */
export const QUARRY_SEARCH_ATTRIBUTES = {
  QuarryTenant: 'Keyword',
  QuarryCollection: 'Keyword',
  QuarryMode: 'Keyword',
  QuarryStatus: 'Keyword',
  QuarryQuestion: 'Text',
} as const;
export type QuarrySearchAttributeName = keyof typeof QUARRY_SEARCH_ATTRIBUTES;

// Typed keys for setting the attributes when a workflow starts.
export const searchAttributeKeys = {
  tenant: defineSearchAttributeKey('QuarryTenant', SearchAttributeType.KEYWORD),
  collection: defineSearchAttributeKey('QuarryCollection', SearchAttributeType.KEYWORD),
  mode: defineSearchAttributeKey('QuarryMode', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('QuarryStatus', SearchAttributeType.KEYWORD),
  question: defineSearchAttributeKey('QuarryQuestion', SearchAttributeType.TEXT),
};

/**
 * A Keyword or Text attribute of an execution as the list API returns it (payloads, not yet
 * decoded), read with the SDK's public payload converter; undefined when unset.
 */
export function listedAttribute(
  fields: Record<string, Payload> | null | undefined,
  key: { name: string },
): string | undefined {
  const payload = fields?.[key.name];
  if (!payload) return undefined;
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  // A keyword can come back as a list of one.
  const single: unknown = Array.isArray(value) ? value[0] : value;
  return typeof single === 'string' ? single : undefined;
}

/**
 * Temporal refuses a search attribute value over 2 KB (`limit.searchAttributeSize`, counted on the
 * JSON-encoded payload). Text attributes hold a prefix of at most this many encoded bytes; the
 * full text lives in the memo.
 */
export const TEXT_ATTRIBUTE_MAX_BYTES = 1024;

/**
 * The longest prefix of `text`, by whole code points, whose JSON encoding fits `maxBytes` of UTF-8
 * (quotes and escapes counted): a Chinese character costs 3 bytes, a control character up to 6.
 */
export function boundedAttributeText(text: string, maxBytes = TEXT_ATTRIBUTE_MAX_BYTES): string {
  let used = 2; // the quotes
  let end = 0;
  for (const ch of text) {
    used += Buffer.byteLength(JSON.stringify(ch), 'utf8') - 2;
    if (used > maxBytes) return text.slice(0, end);
    end += ch.length;
  }
  return text;
}
