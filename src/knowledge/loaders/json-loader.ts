import { UnprocessableDocumentError, type IncomingFile, type LoadedDocument } from '../types';
import { recordSection, sharedMetadata, type RecordSection } from './json-records';
import { titleFromSource } from './title';

/**
 * A JSON array of records, one JSON object, or JSON Lines: one section per record. Sections carry
 * no metadata of their own, so the document keeps what all records share (all of it for one).
 */
export function loadJson(
  file: IncomingFile,
  text: string,
  format: 'json' | 'jsonl',
): LoadedDocument {
  const values = format === 'json' ? jsonValues(file.source, text) : jsonLines(file.source, text);
  const records = values.map(recordSection).filter((r): r is RecordSection => r !== undefined);
  if (records.length === 0) {
    throw new UnprocessableDocumentError(file.source, 'no record has any text', 'no_text');
  }
  return {
    source: file.source,
    title: (records.length === 1 ? records[0].title : undefined) ?? titleFromSource(file.source),
    format,
    sections: records.map((r) => r.section),
    pageCount: 1,
    metadata: { ...sharedMetadata(records.map((r) => r.metadata)), ...file.metadata },
  };
}

function jsonValues(source: string, text: string): unknown[] {
  const value = parseJson(source, text, 'invalid JSON');
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

function jsonLines(source: string, text: string): unknown[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => parseJson(source, line, `invalid JSON on line ${number}`));
}

function parseJson(source: string, text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new UnprocessableDocumentError(source, `${what}: ${detail}`, 'undecodable');
  }
}
