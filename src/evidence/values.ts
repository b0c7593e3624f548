/**
 * Values of the export formats as rows carry them: dates and date-times to `Date` (a date at 00:00:00Z),
 * booleans compared case-insensitively, empty text to null. Each parser says null when the text is not of its
 * kind, so the reader can name the row and field of a value that is not what its column promises.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** An RFC 3339 / ISO 8601 date-time with its offset (`2017-06-10T02:35:07+00:00`, `…T18:15:12.862Z`), or a date. */
export function parseInstant(text: string): Date | null {
  const date = ISO_DATE.exec(text);
  if (date) return utcDate(Number(date[1]), Number(date[2]), Number(date[3]));
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '0', offset = 'Z'] = match;
  if (utcDate(Number(y), Number(mo), Number(d)) === null || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  // Date.parse rolls 2026-02-30 over to March and reads at most milliseconds: build the text it reads exactly.
  const ms = fraction.padEnd(3, '0').slice(0, 3);
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const time = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s.padStart(2, '0')}.${ms}${zone}`);
  return Number.isNaN(time) ? null : new Date(time);
}

/** A calendar date written `YYYY-MM-DD` or `MM/DD/YYYY` (HR systems write both), at 00:00:00Z. */
export function parseCalendarDate(text: string): Date | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return utcDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = US_DATE.exec(text);
  return us ? utcDate(Number(us[3]), Number(us[1]), Number(us[2])) : null;
}

export function parseBoolean(text: string): boolean | null {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : null;
}

export function parseNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function utcDate(year: number, month: number, day: number): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}
