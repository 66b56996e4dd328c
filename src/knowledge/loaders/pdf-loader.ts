import { dirname, extname, join, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UnprocessableDocumentError, type IncomingFile, type LoadedDocument } from '../types';
import type { PdfExtractionRequest, PdfExtractionResult } from './pdf-extraction';
import { inlineText, titleFromSource } from './title';

/** `.js` when compiled, `.ts` when run from source (tests): Node strips the types itself. */
const WORKER_FILE = join(__dirname, `pdf-extract.worker${extname(__filename)}`);
/** From source, Node notes that it reads the worker as an ES module: expected, so not shown. */
const WORKER_ARGV = WORKER_FILE.endsWith('.ts')
  ? ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON']
  : [];

/** One section per page with text, `page` 0-based as PyMuPDF numbers them. */
export async function loadPdf(file: IncomingFile): Promise<LoadedDocument> {
  // CJK fonts without a ToUnicode table (xeLaTeX output, many Office exports: pumpkin_book.pdf)
  // map glyphs to characters only through Adobe's CMaps, which pdfjs-dist ships; without them
  // PDF.js silently drops every Chinese character. Resolved here, not at import: whatever only
  // asks isSupported() loads this module too.
  const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
  const result = await extractInWorker({
    bytes: new Uint8Array(file.bytes),
    cMapUrl: join(pdfjsDir, 'cmaps') + sep,
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + sep,
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

/**
 * PDF.js runs in a worker thread: parsing a long PDF is seconds of CPU that would otherwise stall
 * the event loop (HTTP, activity heartbeats); and unpdf's dynamic import of its ES-module PDF.js
 * works there in plain Node even when the caller runs inside Jest's module sandbox, where it fails.
 */
function extractInWorker(request: PdfExtractionRequest): Promise<PdfExtractionResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, {
      workerData: request,
      execArgv: WORKER_ARGV,
      transferList: [request.bytes.buffer as ArrayBuffer],
    });
    worker.once('message', (result: PdfExtractionResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the PDF worker exited (code ${code}) without an answer`)),
    );
  });
}
