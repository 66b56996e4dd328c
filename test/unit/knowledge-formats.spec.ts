import {
  declaredFormat,
  DOCUMENT_FORMATS,
  formatRow,
  isDocumentFormat,
  type DocumentFormat,
} from '../../src/knowledge/loaders/formats';
import { toStoredDocument } from '../../src/knowledge/store/document-values';
import { codeSpans, readmeTable } from '../support/readme-table';

const FORMATS = Object.keys(DOCUMENT_FORMATS) as DocumentFormat[];

describe('the document format table', () => {
  it('is what the README lists, row for row', () => {
    const rows = readmeTable('format').map(([format, extensions, contentTypes, keeps]) => ({
      format,
      extensions: codeSpans(extensions),
      contentTypes: codeSpans(contentTypes),
      keeps,
    }));
    expect(rows).toEqual(
      FORMATS.map((format) => ({
        format,
        extensions: [...formatRow(format).extensions],
        contentTypes: [...formatRow(format).contentTypes],
        keeps: formatRow(format).keeps,
      })),
    );
  });

  it.each(FORMATS)('recognises %s by each of its extensions and content types', (format) => {
    for (const extension of formatRow(format).extensions) {
      expect(declaredFormat(`docs/a${extension.toUpperCase()}`)).toBe(format);
    }
    for (const type of formatRow(format).contentTypes) {
      expect(declaredFormat('upload', `${type}; charset=utf-8`)).toBe(format);
    }
  });

  it('gives no extension or content type to two formats', () => {
    const all = FORMATS.flatMap((f) => [...formatRow(f).extensions, ...formatRow(f).contentTypes]);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(FORMATS)('reads a stored %s document back with its format', (format) => {
    expect(toStoredDocument({ source: 'a', format, status: 'indexed' }).format).toBe(format);
  });

  it('reads a stored document of a format it no longer knows as format null', () => {
    expect(isDocumentFormat('docx')).toBe(false);
    expect(isDocumentFormat('toString')).toBe(false);
    expect(toStoredDocument({ source: 'a', format: 'docx', status: 'indexed' }).format).toBeNull();
  });
});
