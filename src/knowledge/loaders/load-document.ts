import { UnprocessableDocumentError, type IncomingFile, type LoadedDocument } from '../types';
import { charsetOf, decodeText } from './decode-text';
import { declaredFormat, describeType, formatRow, SUPPORTED_EXTENSIONS } from './formats';
import { capHeadingPath, capTitle } from '../heading-limits';
import type { PdfLoadOptions } from './pdf-loader';
import { hasPdfMagic, sniffTextFormat } from './sniff';

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
  const format = declared === 'pdf' || hasPdfMagic(file.bytes) ? 'pdf' : declared;
  const declaredRead = format === 'sniff' ? undefined : formatRow(format).read;
  if (declaredRead && 'bytes' in declaredRead) return declaredRead.bytes(file, pdf);

  const charset = charsetOf(file.contentType) ?? declaredRead?.charset?.(file.bytes);
  const text = decodeText(file.bytes, file.source, charset);
  if (text.trim() === '') {
    throw new UnprocessableDocumentError(file.source, 'the file holds only whitespace', 'empty');
  }
  const read = declaredRead ?? formatRow(sniffTextFormat(text)).read;
  if (!('text' in read)) throw new Error(`sniffed a binary format from ${file.source}'s text`);
  const doc = read.text(file, text);
  if (doc.sections.every((section) => section.text.trim() === '')) {
    throw new UnprocessableDocumentError(
      file.source,
      `the ${doc.format} file has no text`,
      'no_text',
    );
  }
  return doc;
}
