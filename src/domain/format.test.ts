import { describe, expect, test } from 'vitest';
import { list, percent, roundRate } from './format.js';

describe('format', () => {
  test('percent shows one decimal at most, as the reasons print rates', () => {
    expect(percent(0.08798916)).toBe('8.8%');
    expect(percent(0.1)).toBe('10%');
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.14686)).toBe('14.7%');
  });

  test('roundRate keeps four decimals', () => {
    expect(roundRate(0.0985467)).toBe(0.0985);
    expect(roundRate(2 / 3)).toBe(0.6667);
    expect(roundRate(0.1)).toBe(0.1);
  });

  test('list joins ids with commas', () => {
    expect(list(['AC-01', 'AC-02'])).toBe('AC-01, AC-02');
    expect(list([])).toBe('');
  });
});
