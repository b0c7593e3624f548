import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addDays, isRealDate, periodProblems } from './dates.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const arbDay = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));

describe('isRealDate', () => {
  it('takes a date that exists, written YYYY-MM-DD', () => {
    expect(isRealDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00Z', ' 2026-01-01', '']) {
      expect(isRealDate(bad)).toBe(false);
    }
  });

  prop.prop([arbDay], { numRuns: RUNS })('every day the calendar has is real', (day) => {
    expect(isRealDate(day)).toBe(true);
  });
});

describe('periodProblems', () => {
  prop.prop([arbDay, arbDay], { numRuns: RUNS })('no problem iff the period starts no later than it ends', (start, end) => {
    expect(periodProblems({ periodStart: start, periodEnd: end }).length === 0).toBe(start <= end);
  });

  it('blames the start, and leaves a missing or unreal date to the date check', () => {
    expect(periodProblems({ periodStart: '2026-07-01', periodEnd: '2026-06-30' })).toEqual([
      { path: ['periodStart'], message: 'the period starts (2026-07-01) after it ends (2026-06-30)' },
    ]);
    expect(periodProblems({ periodStart: '2026-07-01', periodEnd: null })).toEqual([]);
    expect(periodProblems({ periodStart: '2026-07-01', periodEnd: '2026-02-30' })).toEqual([]);
  });
});
