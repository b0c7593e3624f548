import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { attributeSampleSize, binomialCdf, upperDeviationLimit } from './binomial.js';

describe('binomialCdf', () => {
  test('matches the sum of the binomial terms for a small case', () => {
    // n = 5, p = 0.3: P(X ≤ 2) = 0.7^5 + 5·0.3·0.7^4 + 10·0.09·0.7^3
    const expected = 0.7 ** 5 + 5 * 0.3 * 0.7 ** 4 + 10 * 0.09 * 0.7 ** 3;
    expect(binomialCdf(2, 5, 0.3)).toBeCloseTo(expected, 12);
  });

  test('is 1 when k covers the whole sample or p is 0, and 0 when p is 1 or k is negative', () => {
    expect(binomialCdf(5, 5, 0.7)).toBe(1);
    expect(binomialCdf(0, 10, 0)).toBe(1);
    expect(binomialCdf(3, 10, 1)).toBe(0);
    expect(binomialCdf(-1, 10, 0.2)).toBe(0);
  });

  test('stays precise for large samples where the terms underflow', () => {
    // P(X ≤ 0 | n = 20 000, p = 0.05) = 0.95^20000: far below the smallest double, not NaN.
    expect(binomialCdf(0, 20_000, 0.05)).toBe(0);
    // Normal approximation: n = 20 000, p = 0.5, P(X ≤ 10 000) ≈ 0.5 + φ(0)·(1/2)/σ.
    const cdf = binomialCdf(10_000, 20_000, 0.5);
    expect(cdf).toBeGreaterThan(0.5);
    expect(cdf).toBeCloseTo(0.5 + 0.5 / Math.sqrt(2 * Math.PI * 5000), 4);
  });
});

describe('upperDeviationLimit (one-sided Clopper–Pearson)', () => {
  test.each([
    [25, 0, 0.088],
    [25, 1, 0.147],
    [38, 1, 0.099],
  ])('at 90%% confidence, n = %i and k = %i give %f (reference §4)', (n, k, expected) => {
    expect(Math.abs(upperDeviationLimit(n, k, 0.9) - expected)).toBeLessThan(0.0005);
  });

  test.each([
    [25, 0, 0.9],
    [25, 1, 0.9],
    [38, 1, 0.9],
    [60, 3, 0.95],
    [5000, 40, 0.95],
  ])('n = %i, k = %i at %f: P(X ≤ k | n, UDL) = 1 − confidence', (n, k, confidence) => {
    const udl = upperDeviationLimit(n, k, confidence);
    expect(binomialCdf(k, n, udl)).toBeCloseTo(1 - confidence, 9);
  });

  test('no deviation has the closed form 1 − α^(1/n)', () => {
    expect(upperDeviationLimit(59, 0, 0.95)).toBeCloseTo(1 - 0.05 ** (1 / 59), 12);
  });

  test('is 1 when nothing was tested or every sample deviated', () => {
    expect(upperDeviationLimit(0, 0, 0.9)).toBe(1);
    expect(upperDeviationLimit(4, 4, 0.9)).toBe(1);
  });

  test('refuses impossible samples and confidences', () => {
    expect(() => upperDeviationLimit(10, 11, 0.9)).toThrow(RangeError);
    expect(() => upperDeviationLimit(10, -1, 0.9)).toThrow(RangeError);
    expect(() => upperDeviationLimit(2.5, 0, 0.9)).toThrow(RangeError);
    expect(() => upperDeviationLimit(10, 1, 1)).toThrow(RangeError);
    expect(() => upperDeviationLimit(10, 1, 0)).toThrow(RangeError);
  });

  describe('is monotone (property e)', () => {
    const sample = fc
      .record({ n: fc.integer({ min: 1, max: 1000 }), k: fc.nat({ max: 1000 }), confidence: fc.constantFrom(0.8, 0.9, 0.95, 0.99) })
      .map(({ n, k, confidence }) => ({ n, k: k % (n + 1), confidence }));

    prop.prop([sample], { numRuns: 200 })('lies in [k / n, 1]', ({ n, k, confidence }) => {
      const udl = upperDeviationLimit(n, k, confidence);
      expect(udl).toBeGreaterThanOrEqual(k / n);
      expect(udl).toBeLessThanOrEqual(1);
    });

    prop.prop([sample], { numRuns: 200 })('rises with k for a fixed n', ({ n, k, confidence }) => {
      fc.pre(k < n);
      expect(upperDeviationLimit(n, k + 1, confidence)).toBeGreaterThan(upperDeviationLimit(n, k, confidence));
    });

    prop.prop([sample], { numRuns: 200 })('falls with n for a fixed k', ({ n, k, confidence }) => {
      expect(upperDeviationLimit(n + 1, k, confidence)).toBeLessThan(upperDeviationLimit(n, k, confidence));
    });

    prop.prop([sample], { numRuns: 200 })('rises with the confidence', ({ n, k, confidence }) => {
      fc.pre(k < n);
      expect(upperDeviationLimit(n, k, 0.995)).toBeGreaterThan(upperDeviationLimit(n, k, confidence));
    });
  });
});

describe('attributeSampleSize', () => {
  // Reference §4: the sample that still concludes "effective" with k deviations allowed.
  const table: [tolerable: number, conf95: [number, number, number], conf90: [number, number, number]][] = [
    [0.05, [59, 93, 124], [45, 77, 105]],
    [0.08, [36, 58, 77], [28, 48, 65]],
    [0.1, [29, 46, 61], [22, 38, 52]],
    [0.15, [19, 30, 40], [15, 25, 34]],
    [0.2, [14, 22, 30], [11, 18, 25]],
  ];
  const cells = table.flatMap(([tolerable, conf95, conf90]) =>
    [0, 1, 2].flatMap((k) => [
      { tolerable, confidence: 0.95, k, n: conf95[k] as number },
      { tolerable, confidence: 0.9, k, n: conf90[k] as number },
    ]),
  );

  test('the table has its 30 cells', () => {
    expect(cells).toHaveLength(30);
  });

  test.each(cells)('tolerable $tolerable at $confidence with k = $k → $n', ({ tolerable, confidence, k, n }) => {
    expect(attributeSampleSize(tolerable, confidence, k)).toBe(n);
  });

  test.each(cells)('$n is the smallest: the UDL is within $tolerable at $n and not at $n − 1', ({ tolerable, confidence, k, n }) => {
    expect(upperDeviationLimit(n, k, confidence)).toBeLessThanOrEqual(tolerable);
    expect(upperDeviationLimit(n - 1, k, confidence)).toBeGreaterThan(tolerable);
  });

  test('refuses rates, confidences and deviation counts out of range', () => {
    expect(() => attributeSampleSize(0, 0.9, 0)).toThrow(RangeError);
    expect(() => attributeSampleSize(1, 0.9, 0)).toThrow(RangeError);
    expect(() => attributeSampleSize(0.1, 1.2, 0)).toThrow(RangeError);
    expect(() => attributeSampleSize(0.1, 0.9, -1)).toThrow(RangeError);
    expect(() => attributeSampleSize(0.1, 0.9, 1.5)).toThrow(RangeError);
  });
});
