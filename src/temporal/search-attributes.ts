import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

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
