export { chunkDocument, chunkText } from './chunk-document';
export { contentHash } from './content-hash';
export { fitWindow } from './fit-window';
export {
  chunkingOptions,
  CHUNK_SIZE_RANGE,
  DEFAULT_CHUNKING,
  validateChunkingOptions,
} from './options';
export { packSentences } from './pack-sentences';
export { splitSentences } from './sentences';
export { splitOversized } from './split-oversized';
