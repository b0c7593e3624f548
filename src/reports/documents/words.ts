/**
 * Wording the written documents share: counts, lists, dates in the organisation's locale and the engine's
 * enumerations as sentences read them. The words are English (like the rest of the app); only dates and numbers
 * follow the locale, as the web app writes them.
 */
import type { Engagement, OpinionKind, Sample } from '../../domain/index.js';
import { counted, withArticle } from '../../domain/words.js';
import { dateText } from '../document/common.js';

export { counted, dateText };

/** The period's dates: "1 Jan 2026 to 30 Jun 2026" (Type 2) or "as of 30 Jun 2026" (Type 1). */
export function periodDates(engagement: Pick<Engagement, 'reportType' | 'periodStart' | 'periodEnd'>, locale: string): string {
  return engagement.reportType === 'type2' && engagement.periodStart !== null
    ? `${dateText(engagement.periodStart, locale)} to ${dateText(engagement.periodEnd, locale)}`
    : `as of ${dateText(engagement.periodEnd, locale)}`;
}

/** The period a report speaks for, inside a sentence: "throughout the period 1 Jan 2026 to 30 Jun 2026" or "as of 30 Jun 2026". */
export function periodPhrase(engagement: Pick<Engagement, 'reportType' | 'periodStart' | 'periodEnd'>, locale: string): string {
  const dates = periodDates(engagement, locale);
  return engagement.reportType === 'type2' && engagement.periodStart !== null ? `throughout the period ${dates}` : dates;
}

/** Items joined as a sentence lists them: "A", "A and B", "A, B and C"; "none" for no item. */
export function listText(items: readonly string[]): string {
  if (items.length === 0) return 'none';
  if (items.length === 1) return items[0] as string;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}

/** The opinion with its article: "an unmodified opinion", "a qualified opinion", "a disclaimer of opinion". */
export function anOpinion(kind: OpinionKind): string {
  return kind === 'disclaimer' ? 'a disclaimer of opinion' : withArticle(`${kind} opinion`);
}

/** A share as a whole percentage: 0.857 → "86%". */
export function shareText(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** What a report says of a test without a deviation. */
export const NO_EXCEPTIONS = 'No exceptions noted.';

/**
 * A test's deviations as the report states them: "2 of 25 samples deviated: HR-7 (no approval on file); HR-9."
 * Each deviating item with its note where one was recorded.
 */
export function deviationsText(samples: readonly Sample[]): string {
  const failed = samples.filter((s) => s.result === 'fail');
  if (failed.length === 0) return NO_EXCEPTIONS;
  const items = failed.map((s) => (s.note === null || s.note.trim() === '' ? s.item : `${s.item} (${oneLine(s.note)})`));
  return `${failed.length} of ${counted(samples.length, 'sample')} deviated: ${items.join('; ')}.`;
}

/** Text as one line: line breaks and runs of spaces become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
