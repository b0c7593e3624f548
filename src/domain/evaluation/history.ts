/**
 * The results kept over time: which two of them "what changed since last week" compares. One rule for the
 * server (which names what changed) and the web app, so both always speak of the same two results.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** "Since last week": how many days back the comparison looks unless asked otherwise. */
export const DEFAULT_SINCE_DAYS = 7;
/** The furthest back one may ask: a year (a leap one included), the longest period a report covers. */
export const MAX_SINCE_DAYS = 366;

/** The kept results to compare; `baseline` is null when there is nothing older than `latest`. */
export interface ComparedSnapshots<T> {
  latest: T;
  baseline: T | null;
  /** Whether `baseline` is at least the days asked older than `latest`; else it is the oldest there is. */
  fullPeriod: boolean;
}

const time = (snapshot: { takenAt: string }) => Date.parse(snapshot.takenAt);

/**
 * The latest snapshot, and the newest one taken at least `sinceDays` days before it; when none is that old,
 * the oldest there is (`fullPeriod` false), so a young engagement still sees what changed since it began.
 * Null when there is no snapshot. The order given does not matter; of snapshots taken at the same moment, the
 * one given first wins.
 */
export function pickComparison<T extends { takenAt: string }>(
  snapshots: readonly T[],
  sinceDays: number = DEFAULT_SINCE_DAYS,
): ComparedSnapshots<T> | null {
  const sorted = [...snapshots].sort((a, b) => time(b) - time(a));
  const latest = sorted[0];
  if (!latest) return null;
  const older = sorted.slice(1);
  const aged = older.find((snapshot) => time(latest) - time(snapshot) >= sinceDays * DAY_MS);
  if (aged) return { latest, baseline: aged, fullPeriod: true };
  return { latest, baseline: older.at(-1) ?? null, fullPeriod: false };
}
