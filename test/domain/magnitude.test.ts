import { describe, expect, it } from 'vitest';
import { farApart, neighbourMedian } from '../../src/domain/magnitude';

describe('farApart (千倍之差)', () => {
  it.each([
    [8_000_00n, 250_000_000_00n, true], // 8000 元 beside 2.5 亿元
    [1n, 1000n, true], // exactly 1,000×
    [1n, 999n, false],
    [1000n, 1n, true], // either way round
    [999n, 1n, false],
    [0n, 5n, false], // 0 is no magnitude
    [5n, 0n, false],
    [30_000_000_000n, 30_000_000_000n, false],
  ])('%s and %s fen: %s', (a, b, far) => expect(farApart(a, b)).toBe(far));
});

describe('neighbourMedian', () => {
  it('takes the up to 5 entries on each side, skipping the entry itself, nulls and zeros; the lower middle', () => {
    const v = [10n, null, 30n, 0n, 50n, 7n, 60n, 70n, 80n, 90n, 100n, 110n, 1n];
    expect(neighbourMedian(v, 5)).toBe(60n); // 10, 30, 50 | 60, 70, 80, 90, 100 → 60
    expect(neighbourMedian(v, 0)).toBe(30n); // the right five: null, 30, 0, 50, 7 → 7, 30, 50
    expect(neighbourMedian(v, 12)).toBe(90n); // the left five: 70, 80, 90, 100, 110
    expect(neighbourMedian([5n], 0)).toBeNull();
    expect(neighbourMedian([5n, 8n], 0)).toBe(8n);
    expect(neighbourMedian([4n, 99n, 2n], 1)).toBe(2n); // even: 2, 4 → the lower, 2
  });
});
