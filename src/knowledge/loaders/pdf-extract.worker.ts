// Runs in a worker thread, as compiled JavaScript or (in tests) as TypeScript with its types
// stripped by Node: so it imports only packages, node: modules and types.
import { parentPort, workerData } from 'node:worker_threads';
import { extractText, getDocumentProxy } from 'unpdf';
import type { PdfExtractionRequest, PdfExtractionResult } from './pdf-extraction';

async function extract(request: PdfExtractionRequest): Promise<PdfExtractionResult> {
  const pdf = await getDocumentProxy(request.bytes, {
    cMapUrl: request.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: request.standardFontDataUrl,
    // Errors only: PDF.js warns about every font it cannot render, which text extraction ignores.
    verbosity: 0,
  });
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    const meta = await pdf.getMetadata().catch(() => undefined);
    const info: object | undefined = meta?.info;
    const title: unknown = info && 'Title' in info ? info.Title : undefined;
    return { ok: true, pageTexts: text, title: typeof title === 'string' ? title : undefined };
  } finally {
    await pdf.loadingTask.destroy();
  }
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
