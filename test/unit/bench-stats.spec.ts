import { mean, median, percentile, pool, recallAgainst, round, topK } from '../../src/bench/stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles of unsorted values', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(median([7])).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(mean([1, 2, 3, 6])).toBe(3);
  });

  it('measures recall of a top-k against the exact one', () => {
    expect(recallAgainst(['a', 'b', 'x'], ['a', 'b', 'c'])).toBeCloseTo(2 / 3);
    expect(recallAgainst([], [])).toBe(1);
  });

  it('finds the k best scores in order', () => {
    expect(topK([0.1, 0.9, 0.5, 0.9, 0.3], 3)).toEqual([1, 3, 2]);
    expect(topK(new Float32Array([3, 1, 2]), 5)).toEqual([0, 2, 1]);
  });

  it('rounds for reports', () => {
    expect(round(1.23456)).toBe(1.235);
    expect(round(123.456)).toBe(123.5);
  });

  it('runs work with bounded concurrency and keeps order', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await pool([1, 2, 3, 4, 5, 6], 2, async (x) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return x * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50, 60]);
    expect(most).toBe(2);
  });
});
