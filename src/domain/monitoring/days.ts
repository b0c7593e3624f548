/** Instants and calendar days as the monitoring rules count them: in UTC, a day starting at 00:00:00Z. */

const DAY_MS = 86_400_000;

/** "Day d + n" (DESIGN §8): 00:00:00Z of the date n days after the date of `instant` (n may be negative). */
export function dayPlus(instant: Date, days: number): Date {
  return new Date((Math.floor(instant.getTime() / DAY_MS) + days) * DAY_MS);
}

/** 00:00:00Z of an ISO date (`YYYY-MM-DD`). */
export function startOfDay(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** The calendar date of an instant, in UTC. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** An instant as a person reads it: the date alone at midnight, else the date-time to the second. */
export function instantText(instant: Date): string {
  const iso = instant.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

/** Whole and fractional days from `from` to `to`. */
export function elapsedDays(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

export const MS_PER_DAY = DAY_MS;
