import type { DocumentSection } from '../types';
import { capHeading } from '../heading-limits';

export type Scalar = string | number | boolean;

/** Fields whose string is a record's text, in order of preference. */
const TEXT_FIELDS = ['text', 'content', 'body'];
/** Longer strings, or ones with line breaks, are content rather than a filterable attribute. */
const MAX_METADATA_STRING = 200;

export interface RecordSection {
  section: DocumentSection;
  title?: string;
  metadata: Record<string, Scalar>;
}

/**
 * One record as a section: text from `text`/`content`/`body`, else its other string fields that
 * read as prose (with spaces or non-ASCII letters; else every string) joined; its `title` as the
 * heading path; other simple scalars (numbers, booleans, short one-line strings) as metadata.
 */
export function recordSection(record: unknown): RecordSection | undefined {
  if (typeof record === 'string') return sectionOf(record, undefined, {});
  if (!isPlainObject(record)) return undefined;
  const title = typeof record.title === 'string' ? record.title.trim() || undefined : undefined;
  const fields = Object.entries(record).filter(([key]) => key !== 'title');
  const textField = TEXT_FIELDS.find((f) => typeof record[f] === 'string' && record[f].trim());
  const strings = fields.filter(([, value]) => typeof value === 'string');
  const prose = strings.filter(([, value]) => isProse(String(value)));
  const textKeys = new Set(
    textField ? [textField] : prose.length > 0 ? prose.map(([k]) => k) : strings.map(([k]) => k),
  );
  const metadata: Record<string, Scalar> = {};
  for (const [key, value] of fields) {
    if (!textKeys.has(key) && isSimpleScalar(value)) metadata[key] = value;
  }
  const text = fields.filter(([key]) => textKeys.has(key)).map(([, value]) => String(value));
  return sectionOf(text.join('\n'), title, metadata);
}

function sectionOf(
  text: string,
  title: string | undefined,
  metadata: Record<string, Scalar>,
): RecordSection | undefined {
  if (!text.trim()) return undefined;
  const heading = title === undefined ? undefined : capHeading(title);
  // A title too long for the path keeps its start there and its whole text in the record's text.
  const body = heading !== title ? `${title}\n\n${text}` : text;
  const section = { text: body, page: null, headingPath: heading ? [heading] : [] };
  return { section, title: heading, metadata };
}

/** Words with spaces, or Chinese and the like; not codes such as `zh`, `2024-01-01` or a URL. */
function isProse(value: string): boolean {
  return /\s/.test(value.trim()) || /[^\p{ASCII}]/u.test(value);
}

function isSimpleScalar(value: unknown): value is Scalar {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string')
    return value.length <= MAX_METADATA_STRING && !value.includes('\n');
  return typeof value === 'boolean';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Metadata every record shares with the same value: what holds for the whole file. */
export function sharedMetadata(all: Record<string, Scalar>[]): Record<string, Scalar> {
  const [first, ...rest] = all;
  const shared: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(first ?? {})) {
    if (rest.every((m) => m[key] === value)) shared[key] = value;
  }
  return shared;
}
