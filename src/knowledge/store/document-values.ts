import { isDocumentFormat } from '../loaders/formats';
import type { StoredDocument } from './types';
import { int, isoDate, parseMetadata, str, type RawProperties } from './weaviate-values';

/** The record of a source that could not be indexed; its empty hash makes a sync retry it. */
export function failedDocument(source: string, error: string): StoredDocument {
  return {
    source,
    docHash: '',
    title: source.split('/').at(-1) ?? source,
    format: null,
    pageCount: 0,
    chunkCount: 0,
    status: 'failed',
    error,
    bytes: 0,
    textBytes: 0,
    ingestedAt: new Date().toISOString(),
    metadata: {},
  };
}

export function toStoredDocument(props: RawProperties): StoredDocument {
  const format = str(props, 'format');
  return {
    source: str(props, 'source'),
    docHash: str(props, 'docHash'),
    title: str(props, 'title'),
    format: isDocumentFormat(format) ? format : null,
    pageCount: int(props, 'pageCount'),
    chunkCount: int(props, 'chunkCount'),
    status: str(props, 'status') === 'indexed' ? 'indexed' : 'failed',
    error: str(props, 'error') || null,
    bytes: int(props, 'bytes'),
    textBytes: int(props, 'textBytes'),
    ingestedAt: isoDate(props, 'ingestedAt') ?? new Date(0).toISOString(),
    metadata: parseMetadata(str(props, 'metadataJson')),
  };
}
