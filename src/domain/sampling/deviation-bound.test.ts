import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { upperDeviationLimit } from './binomial.js';
import { deviationBound, sampleSizeToConclude, withinTolerance } from './deviation-bound.js';

describe('deviationBound (rule 5)', () => {
  test('is the exact rate k / N when the whole population was tested', () => {
    expect(deviationBound(30, 3, 30, 0.9)).toEqual({ rate: 0.1, basis: 'exact' });
    expect(deviationBound(12, 0, 12, 0.95)).toEqual({ rate: 0, basis: 'exact' });
  });

  test('is the Clopper–Pearson limit when the population is unknown', () => {
    expect(deviationBound(25, 1, null, 0.9)).toEqual({ rate: upperDeviationLimit(25, 1, 0.9), basis: 'clopper-pearson' });
  });

  test('is the Clopper–Pearson limit when the population is large', () => {
    const bound = deviationBound(25, 1, 1000, 0.9);
    expect(bound.basis).toBe('clopper-pearson');
    expect(bound.rate).toBeCloseTo(0.147, 3);
  });

  test('is capped by the rate if every untested item deviated', () => {
    // UDL(9, 1) at 90% ≈ 37%, but with 1 item of 10 untested the rate cannot pass 2 / 10.
    expect(upperDeviationLimit(9, 1, 0.9)).toBeGreaterThan(0.3);
    expect(deviationBound(9, 1, 10, 0.9)).toEqual({ rate: 0.2, basis: 'untested-remainder' });
    // No deviation in 9 of 10: at most the one untested item, 10%, not the UDL of 22.6%.
    expect(deviationBound(9, 0, 10, 0.9)).toEqual({ rate: 0.1, basis: 'untested-remainder' });
  });

  prop.prop(
    [fc.integer({ min: 1, max: 200 }), fc.nat(), fc.nat({ max: 300 }), fc.constantFrom(0.9, 0.95)],
    { numRuns: 200 },
  )('never exceeds the rate a population of that size can have, nor falls below the sample rate', (n, k0, extra, confidence) => {
    const k = k0 % (n + 1);
    const population = n + extra;
    const { rate } = deviationBound(n, k, population, confidence);
    expect(rate).toBeLessThanOrEqual((k + population - n) / population + 1e-12);
    expect(rate).toBeGreaterThanOrEqual(k / population - 1e-12);
  });
});

describe('withinTolerance', () => {
  test('absorbs floating-point noise at the boundary but nothing more', () => {
    expect(withinTolerance(3 / 30, 0.1)).toBe(true);
    expect(withinTolerance(0.1 + 1e-13, 0.1)).toBe(true);
    expect(withinTolerance(0.1 + 1e-9, 0.1)).toBe(false);
  });
});

describe('sampleSizeToConclude (rule 7)', () => {
  const settings = { confidence: 0.9, tolerableRate: 0.1 };

  test('with an unknown population is the attribute-sampling size for k deviations', () => {
    expect(sampleSizeToConclude(1, null, settings)).toBe(38);
    expect(sampleSizeToConclude(2, null, { confidence: 0.95, tolerableRate: 0.05 })).toBe(124);
  });

  test('is null when k / N already exceeds the tolerable rate', () => {
    expect(sampleSizeToConclude(4, 30, settings)).toBeNull();
    expect(sampleSizeToConclude(11, 100, settings)).toBeNull();
  });

  test('is capped by the untested remainder in a small population', () => {
    // N = 20, k = 1: testing 19 leaves at most 2 / 20 = 10%, while the binomial would ask for 38.
    expect(sampleSizeToConclude(1, 20, settings)).toBe(19);
  });

  const conclusive = fc
    .record({
      k: fc.integer({ min: 1, max: 6 }),
      population: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 600 })),
      confidence: fc.constantFrom(0.9, 0.95),
      tolerableRate: fc.constantFrom(0.05, 0.08, 0.1, 0.2),
    })
    .filter(({ k, population }) => population === null || population >= k);

  prop.prop([conclusive], { numRuns: 200 })(
    'gives a size at which the bound is within tolerance and one less at which it is not, or null exactly when k / N exceeds it',
    ({ k, population, confidence, tolerableRate }) => {
      const size = sampleSizeToConclude(k, population, { confidence, tolerableRate });
      if (population !== null && k / population > tolerableRate + 1e-12) {
        expect(size).toBeNull();
        return;
      }
      expect(size).not.toBeNull();
      const m = size as number;
      expect(m).toBeGreaterThan(k);
      if (population !== null) expect(m).toBeLessThanOrEqual(population);
      expect(withinTolerance(deviationBound(m, k, population, confidence).rate, tolerableRate)).toBe(true);
      expect(withinTolerance(deviationBound(m - 1, k, population, confidence).rate, tolerableRate)).toBe(false);
    },
  );
});
