import { chunkingOptions, chunkOverlapProblem } from '../../src/knowledge/chunking/options';
import { validateKnowledgeBaseInput } from '../../src/knowledge/store/knowledge-bases';

const kb = { name: 'kb', embeddingModel: 'm', dimensions: 4, chunkSize: 200 };

describe('one rule for a chunk overlap', () => {
  it('takes a whole number under half the chunk size', () => {
    expect(chunkOverlapProblem(200, 0)).toBeUndefined();
    expect(chunkOverlapProblem(200, 99)).toBeUndefined();
    expect(chunkOverlapProblem(200, 100)).toBe('must be less than half of chunkSize');
    expect(chunkOverlapProblem(200, -1)).toBe('must be a whole number from 0');
    expect(chunkOverlapProblem(200, 1.5)).toBe('must be a whole number from 0');
  });

  it('is what the store and the chunker check', () => {
    expect(() => validateKnowledgeBaseInput({ ...kb, chunkOverlap: 99 })).not.toThrow();
    // The store took up to chunkSize - 1 before, which the chunker then refused at ingestion.
    expect(() => validateKnowledgeBaseInput({ ...kb, chunkOverlap: 100 })).toThrow(
      'chunkOverlap must be less than half of chunkSize',
    );
    expect(() => chunkingOptions({ size: 200, overlap: 100 })).toThrow(/less than half of size/);
  });
});
