/** Calendar-day arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so that no time zone moves a due date. */
import type { Problem } from './problems.js';

const DAY_MS = 86_400_000;

const toDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Whether `value` is a calendar date written YYYY-MM-DD that exists (2026-02-30 does not). */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calendar day of an instant, in UTC: the ISO date every rule compares with. */
export function isoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** `iso` moved by `days` (negative: back). */
export function addDays(iso: string, days: number): string {
  return isoDate(new Date((toDay(iso) + days) * DAY_MS));
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round(toDay(to) - toDay(from));
}

/** The earliest of the dates given, ignoring nulls (null when there is none). ISO dates sort as text. */
export function earliest(dates: readonly (string | null)[]): string | null {
  return dates.reduce<string | null>((min, d) => (d !== null && (min === null || d < min) ? d : min), null);
}

export function latest(dates: readonly (string | null)[]): string | null {
  return dates.reduce<string | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);
}

/**
 * A period starts no later than it ends (a period of one day starts and ends on it). Judged only between two
 * real dates: a date that is missing or not real is the date check's to report.
 */
export function periodProblems(period: { periodStart: string | null | undefined; periodEnd: string | null | undefined }): Problem[] {
  const { periodStart: start, periodEnd: end } = period;
  if (!start || !end || !isRealDate(start) || !isRealDate(end) || start <= end) return [];
  return [{ path: ['periodStart'], message: `the period starts (${start}) after it ends (${end})` }];
}
