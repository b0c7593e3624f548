/**
 * Dates and times in one format for the whole app, in one locale: the browser's (the organisation stores none).
 * A calendar date (`2026-12-04`: a period's end, a due date) is the day it names wherever the reader is; a moment
 * (`2026-12-04T18:39:00Z`: when something was recorded) is shown in the reader's time zone. Date inputs are the
 * browser's own, in the same locale.
 */

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The locale every date is written in. */
export const DATE_LOCALE: string | undefined = typeof navigator === 'undefined' ? undefined : navigator.language;

const dateFormat = new Intl.DateTimeFormat(DATE_LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat(DATE_LOCALE, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(DATE_LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
const shortMomentFormat = new Intl.DateTimeFormat(DATE_LOCALE, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function parsed(value: string): Date | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date as the day it names (`2026-12-04` → "Dec 4, 2026"), or a moment's day where the reader is; anything else as it is. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = parsed(value);
  if (date === null) return value;
  return CALENDAR_DATE.test(value) ? dateFormat.format(date) : dayFormat.format(date);
}

/** A moment with its time, where the reader is: "Dec 4, 2026, 6:39 PM". */
export function formatDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = parsed(value);
  return date === null ? value : dateTimeFormat.format(date);
}

/** A moment in few characters, for a chart's axis: "Dec 4, 06:39 PM". */
export function formatShortMoment(value: string | number): string {
  return shortMomentFormat.format(new Date(value));
}

/** A report's period: "Jan 1, 2025 to Jun 30, 2025", or "as of Jun 30, 2025" for a date (Type 1). */
export function formatPeriod(periodStart: string | null, periodEnd: string): string {
  return periodStart === null ? `as of ${formatDate(periodEnd)}` : `${formatDate(periodStart)} to ${formatDate(periodEnd)}`;
}
