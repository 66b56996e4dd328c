/** The three int64 matrices a BERT encoder takes, row-major, padded to the batch's longest row. */
export interface BertBatchInputs {
  rows: number;
  columns: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
}

export function buildBertBatchInputs(
  sequences: readonly number[][],
  padId: number,
): BertBatchInputs {
  const rows = sequences.length;
  const columns = Math.max(...sequences.map((s) => s.length));
  const inputIds = new BigInt64Array(rows * columns).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(rows * columns);
  sequences.forEach((ids, row) => {
    ids.forEach((id, column) => {
      inputIds[row * columns + column] = BigInt(id);
      attentionMask[row * columns + column] = 1n;
    });
  });
  // Single sentences are all segment 0.
  const tokenTypeIds = new BigInt64Array(rows * columns);
  return { rows, columns, inputIds, attentionMask, tokenTypeIds };
}
