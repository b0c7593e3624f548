import { describe, expect, it } from 'vitest';
import { nextPeriodValues, validateNextPeriod } from './next-period.js';

describe('nextPeriodValues', () => {
  it('follows a period with one as long, starting the day after it ends', () => {
    expect(nextPeriodValues({ periodStart: '2025-01-01', periodEnd: '2025-06-30' })).toEqual({ name: '', periodStart: '2025-07-01', periodEnd: '2025-12-31' });
    expect(nextPeriodValues({ periodStart: '2025-01-01', periodEnd: '2025-12-31' })).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-12-31' });
    expect(nextPeriodValues({ periodStart: '2023-12-01', periodEnd: '2024-02-29' })).toMatchObject({ periodStart: '2024-03-01', periodEnd: '2024-05-31' });
    // Not whole months: as many days.
    expect(nextPeriodValues({ periodStart: '2025-01-15', periodEnd: '2025-04-14' })).toMatchObject({ periodStart: '2025-04-15', periodEnd: '2025-07-13' });
    // A Type 1 report is followed by a year.
    expect(nextPeriodValues({ periodStart: null, periodEnd: '2025-03-31' })).toMatchObject({ periodStart: '2025-04-01', periodEnd: '2026-03-31' });
  });
});

describe('validateNextPeriod', () => {
  const rules = validateNextPeriod({ periodEnd: '2025-06-30' });
  const values = { name: 'FY2025 H2', periodStart: '2025-07-01', periodEnd: '2025-12-31' };

  it('accepts the next period and names what is wrong with a bad one', () => {
    expect([rules.name(values.name), rules.periodStart(values.periodStart, values), rules.periodEnd(values.periodEnd)]).toEqual([null, null, null]);
    expect(rules.name('  ')).toBe('Enter a name for the new engagement');
    expect(rules.periodStart('2025-06-30', values)).toBe('The next period must start after the previous one ends (2025-06-30): on 2025-07-01 or later');
    expect(rules.periodStart('2025-02-30', values)).toBe('Enter a real date, dd/mm/yyyy');
    expect(rules.periodEnd('2025-02-30')).toBe('Enter a real date, dd/mm/yyyy');
    expect(rules.periodStart(values.periodStart, { ...values, periodEnd: '2025-06-30' })).toBe('the period starts (2025-07-01) after it ends (2025-06-30)');
  });
});
