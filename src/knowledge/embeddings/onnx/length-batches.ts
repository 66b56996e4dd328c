/**
 * Groups item indexes into batches of similar token length (shortest first), so that padding each
 * batch to its longest item wastes little compute.
 */
export function planLengthBatches(lengths: readonly number[], batchSize: number): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`batch size must be a positive integer, got ${batchSize}`);
  }
  const byLength = lengths
    .map((_, index) => index)
    .sort((a, b) => lengths[a] - lengths[b] || a - b);
  const batches: number[][] = [];
  for (let start = 0; start < byLength.length; start += batchSize) {
    batches.push(byLength.slice(start, start + batchSize));
  }
  return batches;
}
