// Runs in a worker thread, as compiled JavaScript or (in tests) as TypeScript with its types
// stripped by Node: so it imports only packages, node: modules and types.
import { parentPort, workerData } from 'node:worker_threads';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextContent } from 'pdfjs-dist/types/src/display/api';
import type { PdfExtractionRequest, PdfExtractionResult } from './pdf-extraction';

async function extract(request: PdfExtractionRequest): Promise<PdfExtractionResult> {
  const pdf = await getDocument({
    data: request.bytes,
    cMapUrl: request.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: request.standardFontDataUrl,
    // Text only: fonts are never rendered, so none becomes a font face.
    useSystemFonts: true,
    disableFontFace: true,
    // Errors only: PDF.js warns about every font it cannot render, which text extraction ignores.
    verbosity: 0,
  }).promise;
  try {
    const pageTexts: string[] = [];
    for (let page = 1; page <= pdf.numPages; page++) {
      pageTexts.push(pageText(await (await pdf.getPage(page)).getTextContent()));
    }
    const meta = await pdf.getMetadata().catch(() => undefined);
    const info: object | undefined = meta?.info;
    const title: unknown = info && 'Title' in info ? info.Title : undefined;
    return { ok: true, pageTexts, title: typeof title === 'string' ? title : undefined };
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/** A page's text runs in order, with a line break where PDF.js saw a line end. */
function pageText(content: TextContent): string {
  return content.items
    .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
    .join('');
}

extract(workerData as PdfExtractionRequest).then(
  (result) => parentPort?.postMessage(result),
  (err: unknown) => {
    const failure: PdfExtractionResult = {
      ok: false,
      errorName: err instanceof Error ? err.name : 'Error',
      message: err instanceof Error ? err.message : String(err),
    };
    parentPort?.postMessage(failure);
  },
);
