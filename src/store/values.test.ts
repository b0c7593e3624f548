import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toTimestamp } from './values.js';

describe('toTimestamp', () => {
  it('writes every instant as its ISO text, whatever came before it (the same instant again, or another)', () => {
    const instant = fc.oneof(fc.date({ noInvalidDate: true }), fc.constant(new Date('2026-03-01T10:00:00.000Z')));
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (dates) => {
        for (const date of dates) expect(toTimestamp(date)).toBe(date.toISOString());
      }),
    );
  });

  it('refuses an invalid date, also right after a valid one', () => {
    toTimestamp(new Date('2026-03-01T10:00:00.000Z'));
    expect(() => toTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });
});
