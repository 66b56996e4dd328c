import type { IncomingFile, LoadedDocument } from '../types';
import { titleFromSource } from './title';

/** A plain text file: one section, titled by its file name. */
export function loadText(file: IncomingFile, text: string): LoadedDocument {
  return {
    source: file.source,
    title: titleFromSource(file.source),
    format: 'text',
    sections: [{ text, page: null, headingPath: [] }],
    pageCount: 1,
    metadata: { ...file.metadata },
  };
}
