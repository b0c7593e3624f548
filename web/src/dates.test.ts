import { fc, test } from '@fast-check/vitest';
import { LOCALES } from '@assay/domain/locales.js';
import { afterEach, describe, expect, it } from 'vitest';
import { dateLocale, datePattern, formatDate, formatDateInput, formatDateTime, formatPeriod, parseDateInput, setDateLocale } from './dates.js';

const medium = (locale: string, iso: string, timeZone?: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));

describe('dates', () => {
  afterEach(() => setDateLocale('en-GB'));

  it('writes every date in the organisation’s locale, whatever the browser’s, en-GB until one is chosen', () => {
    expect(dateLocale()).toBe('en-GB');
    expect(formatDate('2026-12-04')).toBe('4 Dec 2026');
    setDateLocale('en-US');
    expect(formatDate('2026-12-04')).toBe('Dec 4, 2026');
    setDateLocale('de-DE');
    expect(formatDate('2026-12-04')).toBe(medium('de-DE', '2026-12-04T00:00:00Z', 'UTC'));
    setDateLocale('not a locale');
    expect(dateLocale()).toBe('en-GB');
  });

  it('writes a calendar date as the day it names, whatever the reader’s time zone', () => {
    expect(formatDate('2026-01-01')).toMatch(/2026/);
    expect(formatDate('2026-01-01')).not.toMatch(/2025/);
  });

  it('writes a moment in the reader’s time zone, with its time where asked', () => {
    expect(formatDate('2026-12-04T18:39:00.000Z')).toBe(medium('en-GB', '2026-12-04T18:39:00.000Z'));
    expect(formatDateTime('2026-12-04T18:39:00.000Z')).toBe(
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-12-04T18:39:00.000Z')),
    );
  });

  it('shows a missing date as a dash and anything unreadable as it is', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDate('soon')).toBe('soon');
  });

  it('writes a period, or the date a Type 1 report is as of', () => {
    expect(formatPeriod('2025-01-01', '2025-06-30')).toBe('1 Jan 2025 to 30 Jun 2025');
    expect(formatPeriod(null, '2025-06-30')).toBe('as of 30 Jun 2025');
  });

  it('types a date in the locale’s order and reads it back as the calendar date the API takes', () => {
    expect([datePattern(), formatDateInput('2026-02-03')]).toEqual(['dd/mm/yyyy', '03/02/2026']);
    expect(parseDateInput('3/2/2026')).toBe('2026-02-03');
    setDateLocale('en-US');
    expect([datePattern(), formatDateInput('2026-02-03')]).toEqual(['mm/dd/yyyy', '02/03/2026']);
    expect(parseDateInput('2/3/2026')).toBe('2026-02-03');
    setDateLocale('de-DE');
    expect([datePattern(), parseDateInput('03.02.2026')]).toEqual(['dd.mm.yyyy', '2026-02-03']);
  });

  it('reads a pasted ISO date in any locale, and no day that does not exist', () => {
    expect(parseDateInput(' 2026-02-03 ')).toBe('2026-02-03');
    for (const text of ['31/02/2026', '03/02/26', '2026', '', '03/02/2026/1', '13/13/2026', 'to/mo/rrow']) expect(parseDateInput(text), text).toBeNull();
  });

  test.prop([fc.constantFrom(...LOCALES), fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })])(
    'reads back every day as it is typed, in every locale',
    (locale, day) => {
      setDateLocale(locale);
      const iso = day.toISOString().slice(0, 10);
      expect(parseDateInput(formatDateInput(iso))).toBe(iso);
    },
  );
});
