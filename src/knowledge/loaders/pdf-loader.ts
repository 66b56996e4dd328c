import { dirname, extname, join, sep } from 'node:path';
import { DEFAULT_PDF_MAX_MEMORY_MB, DEFAULT_PDF_TIMEOUT_SECONDS } from '../../config/config.schema';
import { UnprocessableDocumentError, type IncomingFile, type LoadedDocument } from '../types';
import { PdfLimitError, runPdfWorker, type PdfLimits } from './pdf-worker-run';
import { inlineText, titleFromSource } from './title';

/** `.js` when compiled, `.ts` when run from source (tests): Node strips the types itself. */
const WORKER_FILE = join(__dirname, `pdf-extract.worker${extname(__filename)}`);
/** From source, Node notes that it reads the worker as an ES module: expected, so not shown. */
const WORKER_ARGV = WORKER_FILE.endsWith('.ts')
  ? ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON']
  : [];

/** Defaults when the caller gives none (tests, benchmarks): the configuration's defaults. */
export const DEFAULT_PDF_LIMITS: PdfLimits = {
  timeoutMs: DEFAULT_PDF_TIMEOUT_SECONDS * 1000,
  maxMemoryMb: DEFAULT_PDF_MAX_MEMORY_MB,
};

export interface PdfLoadOptions {
  limits?: PdfLimits;
  /** Cancels the parse: its thread is terminated. */
  signal?: AbortSignal;
}

/**
 * One section per page with text, `page` 0-based as PyMuPDF numbers them. PDF.js runs in a worker
 * thread: parsing a long PDF is seconds of CPU that would otherwise stall the event loop (HTTP,
 * activity heartbeats); and PDF.js, an ES module, loads there in plain Node even when the caller
 * runs inside Jest's module sandbox, where it fails. A parse over the
 * time or memory limit fails the file for good (UnprocessableDocumentError `too_large`).
 */
export async function loadPdf(
  file: IncomingFile,
  options: PdfLoadOptions = {},
): Promise<LoadedDocument> {
  // CJK fonts without a ToUnicode table (xeLaTeX output, many Office exports: pumpkin_book.pdf)
  // map glyphs to characters only through Adobe's CMaps, which pdfjs-dist ships; without them
  // PDF.js silently drops every Chinese character. Resolved here, not at import: whatever only
  // asks isSupported() loads this module too.
  const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
  const request = {
    bytes: new Uint8Array(file.bytes),
    cMapUrl: join(pdfjsDir, 'cmaps') + sep,
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + sep,
  };
  const limits = options.limits ?? DEFAULT_PDF_LIMITS;
  const result = await runPdfWorker(
    WORKER_FILE,
    WORKER_ARGV,
    request,
    limits,
    options.signal,
  ).catch((err: unknown) => {
    if (err instanceof PdfLimitError) {
      throw new UnprocessableDocumentError(file.source, err.reason, 'too_large');
    }
    throw err;
  });
  if (!result.ok) {
    const reason =
      result.errorName === 'PasswordException'
        ? 'the PDF is protected by a password'
        : `not a readable PDF (${result.message})`;
    throw new UnprocessableDocumentError(file.source, reason, 'undecodable');
  }
  const sections = result.pageTexts
    .map((text, page) => ({ text, page, headingPath: [] }))
    .filter((section) => section.text.trim() !== '');
  if (sections.length === 0) {
    throw new UnprocessableDocumentError(
      file.source,
      `the PDF has no extractable text in its ${result.pageTexts.length} page(s) (scanned pages need OCR)`,
      'no_text',
    );
  }
  return {
    source: file.source,
    title: inlineText(result.title ?? '') || titleFromSource(file.source),
    format: 'pdf',
    sections,
    pageCount: result.pageTexts.length,
    metadata: { ...file.metadata },
  };
}
