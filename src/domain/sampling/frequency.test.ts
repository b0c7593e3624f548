import { describe, expect, test } from 'vitest';
import { eventSampleSize, requiredSampleSize } from './frequency.js';

describe('requiredSampleSize by frequency (reference §4)', () => {
  test.each([
    ['annual', 1],
    ['semiannual', 2],
    ['quarterly', 2],
    ['monthly', 3],
    ['weekly', 10],
    ['daily', 25],
    ['multiple-daily', 40],
    ['automated', 1],
  ] as const)('%s → %i when the population is unknown or larger', (frequency, size) => {
    expect(requiredSampleSize(frequency, null)).toBe(size);
    expect(requiredSampleSize(frequency, 10_000)).toBe(size);
  });

  test('the population size caps the sample', () => {
    expect(requiredSampleSize('daily', 12)).toBe(12);
    expect(requiredSampleSize('multiple-daily', 40)).toBe(40);
    expect(requiredSampleSize('multiple-daily', 39)).toBe(39);
    expect(requiredSampleSize('weekly', 0)).toBe(0);
  });

  test('an event-driven control with no known population has no required size', () => {
    expect(requiredSampleSize('event', null)).toBeNull();
  });

  test('an event-driven control is sized from its population', () => {
    expect(requiredSampleSize('event', 120)).toBe(12);
  });

  test('refuses a population that is not a whole number ≥ 0', () => {
    expect(() => requiredSampleSize('daily', -1)).toThrow(RangeError);
    expect(() => requiredSampleSize('event', 3.5)).toThrow(RangeError);
  });
});

describe('eventSampleSize: N ≤ 5 all; 6–50: 5; 51–250: 10% rounded up; > 250: 25', () => {
  test.each([
    [0, 0],
    [1, 1],
    [5, 5],
    [6, 5],
    [50, 5],
    [51, 6],
    [60, 6],
    [61, 7],
    [100, 10],
    [101, 11],
    [250, 25],
    [251, 25],
    [100_000, 25],
  ])('N = %i → %i', (population, size) => {
    expect(eventSampleSize(population)).toBe(size);
  });

  test('never asks for more items than the population holds', () => {
    for (let n = 0; n <= 400; n++) expect(eventSampleSize(n)).toBeLessThanOrEqual(n);
  });
});
