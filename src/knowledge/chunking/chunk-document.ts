import { capHeadingPath, capTitle } from '../heading-limits';
import type { Chunk, ChunkingOptions, LoadedDocument, TokenWindow } from '../types';
import { contentHash } from './content-hash';
import { fitWindow } from './fit-window';
import { validateChunkingOptions } from './options';
import { packSentences } from './pack-sentences';
import { splitSentences } from './sentences';

/** A section's text cut into chunks of whole sentences (see packSentences). */
export function chunkText(text: string, options: ChunkingOptions): string[] {
  return packSentences(splitSentences(text), validateChunkingOptions(options));
}

/**
 * Chunks a (cleaned) document. Chunks never cross a section, so each keeps its section's exact
 * page and heading path; positions count from 0 across the whole document. Titles and heading
 * paths are bounded again here: every chunk carries them, whoever built the document. With the
 * embedding model's token window, a chunk too long for the model is split until it fits.
 */
export function chunkDocument(
  doc: LoadedDocument,
  options: ChunkingOptions,
  window?: TokenWindow,
): Chunk[] {
  validateChunkingOptions(options);
  const chunks: Chunk[] = [];
  const title = capTitle(doc.title);
  for (const section of doc.sections) {
    const headingPath = capHeadingPath(section.headingPath);
    const packed = packSentences(splitSentences(section.text), options);
    for (const text of window ? packed.flatMap((t) => fitWindow(t, window)) : packed) {
      chunks.push({
        text,
        source: doc.source,
        title,
        headingPath: [...headingPath],
        page: section.page,
        position: chunks.length,
        contentHash: contentHash(text),
        metadata: { ...doc.metadata },
      });
    }
  }
  return chunks;
}
