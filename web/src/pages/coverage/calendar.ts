/** What the coverage calendars say about a control's occurrences, in words; pure, tested without rendering. */
import { counted } from '@assay/domain/words.js';
import type { CoverageRow, OccurrenceView } from '../../api/coverage.js';
import { formatDate, formatPeriod } from '../../dates.js';
import { statusLabel } from '../../labels.js';

/** "3 of 4 occurrences evidenced", or why none are counted. */
export function coverageSummary(row: Pick<CoverageRow, 'periodic' | 'tracked' | 'occurrences' | 'missing'>): string {
  if (!row.periodic) return 'Not periodic: no occurrences owed';
  if (row.occurrences.length === 0) return 'No occurrences owed over this report';
  if (!row.tracked) return `${counted(row.occurrences.length, 'occurrence')} owed; not tracked by evidence yet`;
  const evidenced = row.occurrences.length - row.missing.length;
  return `${evidenced} of ${counted(row.occurrences.length, 'occurrence')} evidenced`;
}

/** An occurrence's window: its one day, or its first and last. */
export function occurrenceDates(occurrence: Pick<OccurrenceView, 'from' | 'to'>): string {
  return occurrence.from === occurrence.to ? formatDate(occurrence.from) : formatPeriod(occurrence.from, occurrence.to);
}

/** An occurrence as a screen reader and a tooltip say it: "2026-Q2, Apr 1, 2026 to Jun 30, 2026: missing". */
export function occurrenceDescription(occurrence: OccurrenceView): string {
  return `${occurrence.label}, ${occurrenceDates(occurrence)}: ${statusLabel(occurrence.status)}`;
}

/** The engagement's rows split: periodic controls (those short of evidence first, then in order), and the others. */
export function calendarRows(rows: readonly CoverageRow[]): { periodic: CoverageRow[]; other: CoverageRow[] } {
  const periodic = rows.filter((r) => r.periodic);
  const short = periodic.filter((r) => r.missing.length > 0);
  return { periodic: [...short, ...periodic.filter((r) => r.missing.length === 0)], other: rows.filter((r) => !r.periodic) };
}
