/** What the PDF worker is asked (see pdf-extract.worker.ts). */
export interface PdfExtractionRequest {
  bytes: Uint8Array;
  /** Folders of pdfjs-dist's CMaps and standard fonts, with a trailing separator. */
  cMapUrl: string;
  standardFontDataUrl: string;
}

/** What the PDF worker answers: the text of every page, or why it could not read the file. */
export type PdfExtractionResult =
  | { ok: true; pageTexts: string[]; title: string | undefined }
  | { ok: false; errorName: string; message: string };
