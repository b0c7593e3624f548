import { describe, expect, it } from 'vitest';
import { DATE_LOCALE, formatDate, formatDateTime, formatPeriod } from './dates.js';

const medium = (iso: string, timeZone?: string) => new Intl.DateTimeFormat(DATE_LOCALE, { dateStyle: 'medium', timeZone }).format(new Date(iso));

describe('dates', () => {
  it('writes a calendar date as the day it names, in the one format of the app', () => {
    expect(formatDate('2026-12-04')).toBe(medium('2026-12-04T00:00:00Z', 'UTC'));
    // A calendar date never moves to the day before or after, whatever the reader's time zone.
    expect(formatDate('2026-01-01')).toMatch(/2026/);
    expect(formatDate('2026-01-01')).not.toMatch(/2025/);
  });

  it('writes a moment in the reader’s time zone, with its time where asked', () => {
    expect(formatDate('2026-12-04T18:39:00.000Z')).toBe(medium('2026-12-04T18:39:00.000Z'));
    expect(formatDateTime('2026-12-04T18:39:00.000Z')).toBe(
      new Intl.DateTimeFormat(DATE_LOCALE, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-12-04T18:39:00.000Z')),
    );
  });

  it('shows a missing date as a dash and anything unreadable as it is', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDate('soon')).toBe('soon');
  });

  it('writes a period, or the date a Type 1 report is as of', () => {
    expect(formatPeriod('2025-01-01', '2025-06-30')).toBe(`${formatDate('2025-01-01')} to ${formatDate('2025-06-30')}`);
    expect(formatPeriod(null, '2025-06-30')).toBe(`as of ${formatDate('2025-06-30')}`);
  });
});
