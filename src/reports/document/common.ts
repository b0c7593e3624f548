/** What the three renderers share: the words of the cover, numbers and dates in the document's locale, tone colours. */
import type { DocumentMeta, Tone } from './model.js';

/** One colour per tone, readable on white and in grey print. */
export const TONE_COLOURS: Record<Tone, string> = { good: '#2e7d32', warning: '#a15c00', bad: '#c62828', neutral: '#455a64' };

/** Colours of a line chart's series, in order (they repeat after the last). */
export const SERIES_COLOURS = ['#1565c0', '#c62828', '#2e7d32', '#a15c00', '#6a1b9a', '#00838f'];

/**
 * The document's locale, or English when the runtime does not know it: a document is never refused for its
 * organisation's locale setting.
 */
function usableLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en-GB';
  } catch {
    return 'en-GB';
  }
}

/** One date format per locale and style, made once: a workbook or a long table formats a date per row. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar date (`2026-06-30`, or the UTC day of a timestamp) as the locale writes it, the day it names wherever
 * the reader is: "30 Jun 2026" (medium: tables and the auditor's documents) or "30 June 2026" (long: letters and
 * the cover) in en-GB. Text that is not a date is given back as written.
 */
export function dateText(isoDate: string, locale: string, style: 'medium' | 'long' = 'medium'): string {
  const key = `${locale} ${style}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(usableLocale(locale), { dateStyle: style, timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : format.format(date);
}

/** The generation date as a person of the document's locale writes it ("15 September 2026"). */
export function generatedOn(meta: DocumentMeta): string {
  return dateText(meta.generatedAt, meta.locale, 'long');
}

/** One number format per locale: making one costs far more than using it, and a chart formats every value. */
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A chart value in the document's locale, with its unit ("87.5%", "12"). */
export function formatValue(value: number, unit: string | null, locale: string): string {
  let format = numberFormats.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(usableLocale(locale), { maximumFractionDigits: 1 });
    numberFormats.set(locale, format);
  }
  const number = format.format(value);
  return unit === null ? number : `${number}${unit}`;
}

/** The line every page carries: organisation, system and period. */
export function runningLine(meta: DocumentMeta): string {
  return `${meta.organization} · ${meta.system} · ${meta.period}`;
}

/** The cover's facts under the title, in order. */
export function coverFacts(meta: DocumentMeta): { label: string; value: string }[] {
  return [
    { label: 'Organisation', value: meta.organization },
    { label: 'System', value: meta.system },
    { label: 'Period', value: meta.period },
    { label: 'Generated', value: generatedOn(meta) },
  ];
}
