import type { IncomingFile, LoadedDocument } from '../types';
import { loadHtml } from './html-loader';
import { loadJson } from './json-loader';
import { loadMarkdown } from './markdown-loader';
import { loadPdf, type PdfLoadOptions } from './pdf-loader';
import { loadText } from './text-loader';

/** How a format's files become a document: from their bytes, or from their decoded text. */
type FormatReader =
  | { bytes: (file: IncomingFile, options?: PdfLoadOptions) => Promise<LoadedDocument> }
  | {
      text: (file: IncomingFile, text: string) => LoadedDocument;
      /** The charset the content itself declares, when the sender's content type gives none. */
      charset?: (bytes: Uint8Array) => string | undefined;
    };

interface FormatRow {
  /** What the README's format table says is kept (checked by test/unit/knowledge-formats.spec.ts). */
  keeps: string;
  /** Lower case, with the dot. */
  extensions: readonly string[];
  /** Media types without parameters, lower case. */
  contentTypes: readonly string[];
  read: FormatReader;
}

/**
 * Every document format Quarry reads, once: its names drive `DocumentFormat`, the upload and CLI
 * filters, how stored documents are read back, and the README's table. A new format is a row here
 * and its loader.
 */
export const DOCUMENT_FORMATS = {
  pdf: {
    keeps: 'text per page, page numbers',
    extensions: ['.pdf'],
    contentTypes: ['application/pdf'],
    read: { bytes: loadPdf },
  },
  markdown: {
    keeps: 'sections under their heading paths',
    extensions: ['.md', '.markdown', '.mdx'],
    contentTypes: ['text/markdown', 'text/x-markdown'],
    read: { text: loadMarkdown },
  },
  html: {
    keeps: 'sections under their heading paths; `<pre>` verbatim',
    extensions: ['.html', '.htm', '.xhtml'],
    contentTypes: ['text/html', 'application/xhtml+xml'],
    read: { text: loadHtml, charset: htmlMetaCharset },
  },
  text: {
    keeps: 'one section (UTF-8 or GB18030)',
    extensions: ['.txt', '.text'],
    contentTypes: ['text/plain'],
    read: { text: loadText },
  },
  json: {
    keeps: 'one section per record, shared fields as metadata',
    extensions: ['.json'],
    contentTypes: ['application/json'],
    read: { text: (file, text) => loadJson(file, text, 'json') },
  },
  jsonl: {
    keeps: 'one section per line, shared fields as metadata',
    extensions: ['.jsonl', '.ndjson'],
    contentTypes: ['application/jsonl', 'application/x-ndjson', 'application/x-jsonlines'],
    read: { text: (file, text) => loadJson(file, text, 'jsonl') },
  },
} as const satisfies Record<string, FormatRow>;

export type DocumentFormat = keyof typeof DOCUMENT_FORMATS;

export function isDocumentFormat(name: string): name is DocumentFormat {
  return Object.hasOwn(DOCUMENT_FORMATS, name);
}

/** The row of a format, typed as any row (the table's literal types are per format). */
export function formatRow(format: DocumentFormat): FormatRow {
  return DOCUMENT_FORMATS[format];
}

const FORMAT_NAMES = Object.keys(DOCUMENT_FORMATS) as DocumentFormat[];
const BY_EXTENSION = new Map(
  FORMAT_NAMES.flatMap((f) => formatRow(f).extensions.map((e) => [e, f] as const)),
);
const BY_CONTENT_TYPE = new Map(
  FORMAT_NAMES.flatMap((f) => formatRow(f).contentTypes.map((t) => [t, f] as const)),
);

/** Content types that say nothing about the format: the content decides. */
const GENERIC_CONTENT_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export const SUPPORTED_EXTENSIONS: readonly string[] = [...BY_EXTENSION.keys()];

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
  const byName = extension ? BY_EXTENSION.get(extension) : undefined;
  if (byName) return byName;
  const byType = BY_CONTENT_TYPE.get(type);
  if (byType) return byType;
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

/** `<meta charset="gbk">` or the http-equiv form, looked for in the first kilobyte. */
function htmlMetaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}
