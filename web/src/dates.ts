/**
 * Dates and times in one format for the whole app, in the organisation's locale (its admin chooses it in
 * Settings; `en-GB` until then), whatever the reader's browser says. A calendar date (`2026-12-04`: a period's
 * end, a due date) is the day it names wherever the reader is; a moment (`2026-12-04T18:39:00Z`: when something
 * was recorded) is shown in the reader's time zone. Dates are typed in the same locale's numbers (`DateField`):
 * 04/12/2026 in en-GB, 12/04/2026 in en-US, 04.12.2026 in de-DE; the API always gets `2026-12-04`.
 */
import { isRealDate } from '@assay/domain/dates.js';
import { DEFAULT_LOCALE, isLocale } from '@assay/domain/locales.js';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Part = 'day' | 'month' | 'year';

/** Everything one locale's dates need, built once per locale. */
function formatsOf(locale: string) {
  const numeric = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const parts = numeric.formatToParts(new Date(Date.UTC(2026, 11, 31)));
  const order = parts.flatMap((p) => (p.type === 'day' || p.type === 'month' || p.type === 'year' ? [p.type as Part] : []));
  const PLACEHOLDERS: Record<Part, string> = { day: 'dd', month: 'mm', year: 'yyyy' };
  return {
    locale,
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
    day: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
    shortMoment: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
    numeric,
    order,
    /** How a date is typed: "dd/mm/yyyy", "mm/dd/yyyy", "dd.mm.yyyy". */
    pattern: parts.map((p) => (p.type === 'literal' ? p.value : PLACEHOLDERS[p.type as Part])).join(''),
  };
}

let formats = formatsOf(DEFAULT_LOCALE);

/**
 * Writes every date from now on in `locale` (the organisation's, set by the frame of its pages before they
 * render). One the app does not offer falls back to the default rather than to the browser's.
 */
export function setDateLocale(locale: string): void {
  if (locale === formats.locale) return;
  formats = formatsOf(isLocale(locale) ? locale : DEFAULT_LOCALE);
}

/** The locale every date is written in now. */
export function dateLocale(): string {
  return formats.locale;
}

function parsed(value: string): Date | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date as the day it names (`2026-12-04` → "4 Dec 2026"), or a moment's day where the reader is; anything else as it is. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = parsed(value);
  if (date === null) return value;
  return CALENDAR_DATE.test(value) ? formats.date.format(date) : formats.day.format(date);
}

/** A moment with its time, where the reader is: "4 Dec 2026, 18:39". */
export function formatDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = parsed(value);
  return date === null ? value : formats.dateTime.format(date);
}

/** A moment in few characters, for a chart's axis: "4 Dec, 18:39". */
export function formatShortMoment(value: string | number): string {
  return formats.shortMoment.format(new Date(value));
}

/** A report's period: "1 Jan 2025 to 30 Jun 2025", or "as of 30 Jun 2025" for a date (Type 1). */
export function formatPeriod(periodStart: string | null, periodEnd: string): string {
  return periodStart === null ? `as of ${formatDate(periodEnd)}` : `${formatDate(periodStart)} to ${formatDate(periodEnd)}`;
}

/** How a date is typed in the locale: "dd/mm/yyyy". */
export function datePattern(): string {
  return formats.pattern;
}

/** A calendar date (`2026-12-04`) as it is typed in the locale ("04/12/2026"); anything else as it is. */
export function formatDateInput(iso: string): string {
  if (!CALENDAR_DATE.test(iso)) return iso;
  const date = parsed(iso);
  return date === null ? iso : formats.numeric.format(date);
}

/**
 * A date typed in the locale's order ("4/12/2026", "04.12.2026"; one or two digits for the day and month, any
 * separator), or pasted as `2026-12-04`, as the calendar date it names; null for anything that is not a real day.
 */
export function parseDateInput(text: string): string | null {
  const trimmed = text.trim();
  const numbers = CALENDAR_DATE.test(trimmed) ? trimmed.split('-') : trimmed.split(/[^0-9]+/).filter((n) => n !== '');
  if (numbers.length !== 3) return null;
  const order: Part[] = CALENDAR_DATE.test(trimmed) ? ['year', 'month', 'day'] : formats.order;
  const value: Record<Part, string> = { day: '', month: '', year: '' };
  order.forEach((part, i) => (value[part] = numbers[i] ?? ''));
  if (value.year.length !== 4 || value.month.length > 2 || value.day.length > 2) return null;
  const iso = `${value.year}-${value.month.padStart(2, '0')}-${value.day.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** What a date field says of text that is not a real day: "Enter a real date, dd/mm/yyyy". */
export function notARealDate(): string {
  return `Enter a real date, ${datePattern()}`;
}

/** The last day of a year as typed in `locale` ("31/12/2026", "12/31/2026"): how a person recognises their own. */
export function typedExampleIn(locale: string): string {
  return formatsOf(locale).numeric.format(new Date(Date.UTC(2026, 11, 31)));
}
