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

/** The engagement's rows split: periodic controls (short of evidence first, then tracked, then untracked, each in order), and the others. */
export function calendarRows(rows: readonly CoverageRow[]): { periodic: CoverageRow[]; other: CoverageRow[] } {
  const periodic = rows.filter((r) => r.periodic);
  const rank = (r: CoverageRow) => (r.missing.length > 0 ? 0 : r.tracked ? 1 : 2);
  // Array.prototype.sort is stable: the engagement's order holds within each rank.
  return { periodic: [...periodic].sort((a, b) => rank(a) - rank(b)), other: rows.filter((r) => !r.periodic) };
}

/** Beyond this many windows (weekly and daily controls) a row shows its windows as unlabelled squares. */
export const LABELLED_CELLS = 24;
