import {
  UnprocessableDocumentError,
  type DocumentFormat,
  type IncomingFile,
  type LoadedDocument,
} from '../types';
import { charsetOf, decodeText } from './decode-text';
import { declaredFormat, describeType, SUPPORTED_EXTENSIONS } from './formats';
import { capHeadingPath, capTitle } from '../heading-limits';
import { loadHtml } from './html-loader';
import { loadJson } from './json-loader';
import { loadMarkdown } from './markdown-loader';
import { loadPdf, type PdfLoadOptions } from './pdf-loader';
import { hasPdfMagic, sniffTextFormat } from './sniff';
import { loadText } from './text-loader';

/**
 * Reads one file into sections: PDF pages, markdown/HTML sections under their headings, JSON
 * records, or one plain-text section. Throws UnprocessableDocumentError for input that can never
 * succeed (unsupported type, empty, undecodable, a PDF without text). Titles and heading paths
 * come out bounded (heading-limits.ts), whatever the format.
 */
export async function loadDocument(
  file: IncomingFile,
  options: { pdf?: PdfLoadOptions } = {},
): Promise<LoadedDocument> {
  const doc = await loadAnyFormat(file, options.pdf);
  return {
    ...doc,
    title: capTitle(doc.title),
    sections: doc.sections.map((s) => ({ ...s, headingPath: capHeadingPath(s.headingPath) })),
  };
}

async function loadAnyFormat(file: IncomingFile, pdf?: PdfLoadOptions): Promise<LoadedDocument> {
  const declared = declaredFormat(file.source, file.contentType);
  if (declared === undefined) {
    throw new UnprocessableDocumentError(
      file.source,
      `unsupported file type ${describeType(file.source, file.contentType)}; supported: ${SUPPORTED_EXTENSIONS.join(', ')}`,
      'unsupported_type',
    );
  }
  if (file.bytes.length === 0)
    throw new UnprocessableDocumentError(file.source, 'the file is empty', 'empty');
  if (declared === 'pdf' || hasPdfMagic(file.bytes)) return loadPdf(file, pdf);

  const charset =
    charsetOf(file.contentType) ?? (declared === 'html' ? htmlMetaCharset(file.bytes) : undefined);
  const text = decodeText(file.bytes, file.source, charset);
  if (text.trim() === '') {
    throw new UnprocessableDocumentError(file.source, 'the file holds only whitespace', 'empty');
  }
  const doc = loadAs(declared === 'sniff' ? sniffTextFormat(text) : declared, file, text);
  if (doc.sections.every((section) => section.text.trim() === '')) {
    throw new UnprocessableDocumentError(
      file.source,
      `the ${doc.format} file has no text`,
      'no_text',
    );
  }
  return doc;
}

function loadAs(
  format: Exclude<DocumentFormat, 'pdf'>,
  file: IncomingFile,
  text: string,
): LoadedDocument {
  switch (format) {
    case 'markdown':
      return loadMarkdown(file, text);
    case 'html':
      return loadHtml(file, text);
    case 'json':
    case 'jsonl':
      return loadJson(file, text, format);
    case 'text':
      return loadText(file, text);
  }
}

/** `<meta charset="gbk">` or the http-equiv form, looked for in the first kilobyte. */
function htmlMetaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}
