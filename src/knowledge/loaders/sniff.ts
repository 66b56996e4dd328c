import type { DocumentFormat } from '../types';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** PDF readers accept the header anywhere in the first kilobyte (junk before it happens). */
const PDF_HEADER_WINDOW = 1024;

export function hasPdfMagic(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, PDF_HEADER_WINDOW) - PDF_MAGIC.length;
  for (let start = 0; start <= end; start++) {
    if (PDF_MAGIC.every((byte, i) => bytes[start + i] === byte)) return true;
  }
  return false;
}

/** The format of text whose name and type told nothing: JSON, JSON Lines, HTML, else plain text. */
export function sniffTextFormat(text: string): Exclude<DocumentFormat, 'pdf' | 'markdown'> {
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) {
    if (parses(trimmed)) return 'json';
    const lines = trimmed.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.every((line) => /^\s*\{/.test(line) && parses(line))) return 'jsonl';
  }
  if (/^(?:<!doctype html|<html[\s>])/i.test(trimmed)) return 'html';
  return 'text';
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
