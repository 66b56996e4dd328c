import type { RetrievedChunk } from '../types';
import { specificTerms } from './question';
import { conceptHit } from './scoring';

function view(chunk: RetrievedChunk) {
  const text = [chunk.source, ...chunk.headingPath, chunk.text].join('\n');
  return {
    terms: new Set<string>(),
    plain: text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' '),
  };
}

/**
 * The question's specific terms (names, identifiers, numbers, quoted terms) that no chunk held
 * mentions, in its source name, headings or text. When one is absent, whatever the chunks say
 * about the topic does not answer this question: `frequency_penalty` is not `presence_penalty`.
 */
export function absentSpecificTerms(question: string, chunks: RetrievedChunk[]): string[] {
  const views = chunks.map(view);
  return specificTerms(question).filter((term) => !views.some((v) => conceptHit([term], v)));
}
