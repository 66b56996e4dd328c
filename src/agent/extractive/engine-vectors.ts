import type { StoredVectors } from '../../knowledge/types';
import { asStored, fromHalf, toHalf } from './half-float';
import { chunkUnits, UNIT_SEGMENTATION_VERSION } from './units';

/**
 * The texts the extractive engine embeds for a retrieved chunk, embedded once at ingestion and
 * stored with the chunk (`engineVectors`): the chunk as grading reads it, and each of its units
 * as the answer's sentence choice does. Without them every question embedded them again.
 */

/** Bump when the texts below change (not the units': units.ts has its own version). */
const ENGINE_TEXTS_VERSION = 1;

/** Stored vectors count only when made by these texts, this segmentation and this model. */
export function engineVectorsTag(modelId: string): string {
  return `t${ENGINE_TEXTS_VERSION}.u${UNIT_SEGMENTATION_VERSION}:${modelId}`;
}

interface ChunkText {
  text: string;
  headingPath: readonly string[];
}

/** A chunk as grading compares it with the question: its headings, then its text. */
export function gradeText(chunk: ChunkText): string {
  return [...chunk.headingPath, chunk.text].join('\n');
}

/**
 * Every text the engine may embed for this chunk, each once: the grading text, then its units
 * cut by the very function the engine uses at answer time (one source of truth).
 */
export function engineTextsOf(chunk: ChunkText): string[] {
  const units = chunkUnits({
    id: '',
    source: '',
    page: null,
    score: 0,
    text: chunk.text,
    headingPath: [...chunk.headingPath],
  });
  return [...new Set([gradeText(chunk), ...units.map((u) => u.text)])];
}

/** 32-bit FNV-1a of a text: pairs a stored vector with its text without storing the text. */
export function textKey(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEADER = 8;

/** `[count u32][dims u32]`, then per text its key (u32) and dims halves; little-endian, base64. */
export function packEngineVectors(
  modelId: string,
  texts: string[],
  vectors: ArrayLike<number>[],
): StoredVectors {
  const dims = vectors[0]?.length ?? 0;
  const buf = Buffer.alloc(HEADER + texts.length * (4 + dims * 2));
  buf.writeUInt32LE(texts.length, 0);
  buf.writeUInt32LE(dims, 4);
  let at = HEADER;
  texts.forEach((text, i) => {
    buf.writeUInt32LE(textKey(text), at);
    at += 4;
    for (let d = 0; d < dims; d++, at += 2) buf.writeUInt16LE(toHalf(vectors[i][d]), at);
  });
  return { tag: engineVectorsTag(modelId), data: buf.toString('base64') };
}

/**
 * Stored vectors by text key. Empty when they were made under another tag or do not parse: the
 * engine then computes what it needs, as for chunks ingested before vectors were stored.
 */
export function unpackEngineVectors(
  stored: StoredVectors | undefined,
  modelId: string,
): Map<number, Float32Array> {
  const out = new Map<number, Float32Array>();
  if (!stored || stored.tag !== engineVectorsTag(modelId)) return out;
  const buf = Buffer.from(stored.data, 'base64');
  if (buf.length < HEADER) return out;
  const count = buf.readUInt32LE(0);
  const dims = buf.readUInt32LE(4);
  if (buf.length !== HEADER + count * (4 + dims * 2)) return out;
  let at = HEADER;
  for (let i = 0; i < count; i++) {
    const key = buf.readUInt32LE(at);
    at += 4;
    const v = new Float32Array(dims);
    for (let d = 0; d < dims; d++, at += 2) v[d] = fromHalf(buf.readUInt16LE(at));
    out.set(key, v);
  }
  return out;
}

export { asStored };
