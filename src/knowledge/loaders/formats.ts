import type { DocumentFormat } from '../types';

const BY_EXTENSION: Readonly<Record<string, DocumentFormat>> = {
  '.pdf': 'pdf',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.txt': 'text',
  '.text': 'text',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

const BY_CONTENT_TYPE: Readonly<Record<string, DocumentFormat>> = {
  'application/pdf': 'pdf',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
  'application/json': 'json',
  'application/jsonl': 'jsonl',
  'application/x-ndjson': 'jsonl',
  'application/x-jsonlines': 'jsonl',
};

/** Content types that say nothing about the format: the content decides. */
const GENERIC_CONTENT_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** `.pdf` for `docs/a.PDF`, '' when the file name has no extension. */
export function extensionOf(source: string): string {
  const name = source.split(/[\\/]/).pop() ?? source;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** The media type without parameters, lower case: `text/html; charset=gbk` → `text/html`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The format the name or the declared type gives: extension first (names are deliberate, upload
 * content types often generic or guessed), then content type. `'sniff'` for a name without an
 * extension and no telling type (README, notes): the content decides; undefined when unsupported.
 */
export function declaredFormat(
  source: string,
  contentType?: string,
): DocumentFormat | 'sniff' | undefined {
  const extension = extensionOf(source);
  const type = mediaType(contentType);
  if (extension && BY_EXTENSION[extension]) return BY_EXTENSION[extension];
  if (BY_CONTENT_TYPE[type]) return BY_CONTENT_TYPE[type];
  if (!extension && (GENERIC_CONTENT_TYPES.has(type) || type.startsWith('text/'))) return 'sniff';
  return undefined;
}

/** Whether Quarry can read a file of this name and declared content type. */
export function isSupported(source: string, contentType?: string): boolean {
  return declaredFormat(source, contentType) !== undefined;
}

/** How a rejected file's type is named in the error: its extension, its content type, or both. */
export function describeType(source: string, contentType?: string): string {
  const extension = extensionOf(source);
  const type = mediaType(contentType);
  if (extension && type) return `${extension} (${type})`;
  return extension || type || 'unknown (no extension)';
}
