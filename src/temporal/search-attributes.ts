/** Custom search attributes Quarry registers on its namespace; tasks are listed and filtered through them. */
export const QUARRY_SEARCH_ATTRIBUTES = {
  QuarryTenant: 'Keyword',
  QuarryCollection: 'Keyword',
  QuarryMode: 'Keyword',
  QuarryStatus: 'Keyword',
  QuarryQuestion: 'Text',
} as const;
export type QuarrySearchAttributeName = keyof typeof QUARRY_SEARCH_ATTRIBUTES;
