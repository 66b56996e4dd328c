import { loadDocument } from '../../src/knowledge/loaders';
import { livePdfWorkers } from '../../src/knowledge/loaders/pdf-worker-run';
import { buildPdf } from '../fixtures/documents/minimal-pdf';
import { buildSlowPdf } from '../fixtures/documents/slow-pdf';

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
};

describe('PDF parsing within its bounds', () => {
  afterEach(() => until(() => livePdfWorkers() === 0));

  it('fails a PDF whose parse passes the memory limit, naming the limit', async () => {
    const load = loadDocument(
      { source: 'docs/a.pdf', bytes: buildPdf({ pages: [['Hello']] }) },
      { pdf: { limits: { timeoutMs: 60_000, maxMemoryMb: 4 } } },
    );
    await expect(load).rejects.toMatchObject({
      name: 'UnprocessableDocumentError',
      code: 'too_large',
      source: 'docs/a.pdf',
      reason: 'parsing needed more than the limit of 4 MB of memory (QUARRY_PDF_MAX_MEMORY_MB)',
    });
  });

  it('fails a PDF whose parse passes the time limit, and ends its thread', async () => {
    const load = loadDocument(
      { source: 'slow.pdf', bytes: buildSlowPdf(4, 400_000) },
      { pdf: { limits: { timeoutMs: 300, maxMemoryMb: 1024 } } },
    );
    await expect(load).rejects.toMatchObject({
      code: 'too_large',
      reason: 'parsing took longer than the limit of 0.3 s (QUARRY_PDF_TIMEOUT_SECONDS)',
    });
    await until(() => livePdfWorkers() === 0);
  });

  it('ends the thread when the caller cancels', async () => {
    const controller = new AbortController();
    const load = loadDocument(
      { source: 'slow.pdf', bytes: buildSlowPdf(4, 400_000) },
      { pdf: { signal: controller.signal } },
    );
    await until(() => livePdfWorkers() === 1);
    controller.abort(new Error('activity cancelled'));
    await expect(load).rejects.toThrow('activity cancelled');
    await until(() => livePdfWorkers() === 0);
  });

  it('reads a PDF within the limits as before', async () => {
    const doc = await loadDocument(
      { source: 'ok.pdf', bytes: buildPdf({ pages: [['Hello']] }) },
      { pdf: { limits: { timeoutMs: 60_000, maxMemoryMb: 256 } } },
    );
    expect(doc.sections[0].text).toBe('Hello');
  });
});
