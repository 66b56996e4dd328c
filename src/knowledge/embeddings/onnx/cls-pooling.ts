/**
 * bge is trained with the [CLS] token's final hidden state as the sentence embedding, compared by
 * cosine: each row of `clsRows` (rows × hiddenSize) is scaled to unit length, so dot = cosine.
 */
export function normalizeClsRows(clsRows: ArrayLike<number>, hiddenSize: number): number[][] {
  const vectors: number[][] = [];
  for (let offset = 0; offset < clsRows.length; offset += hiddenSize) {
    const row = Array.from({ length: hiddenSize }, (_, k) => clsRows[offset + k]);
    vectors.push(normalizeL2(row));
  }
  return vectors;
}

export function normalizeL2(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return norm > 0 ? vector.map((x) => x / norm) : vector;
}
