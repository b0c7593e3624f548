/**
 * The "open the next period" form without the screen: its first values from the current period, and its checks
 * (the server's own rule from the domain, so a person hears of a problem before sending).
 */
import { nextPeriodProblem } from '@assay/domain/periods/carry-forward.js';
import { addDays, daysBetween, isRealDate, isoDate, periodProblems } from '@assay/domain/dates.js';
import { MAX_NAME_LENGTH } from '@assay/contract/limits.js';
import type { Engagement } from '../../api/programme.js';
import { notARealDate } from '../../dates.js';

export interface NextPeriodValues {
  name: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * The day after this period ends, for as long as this period lasted: whole calendar months when it ran from the
 * first of a month to the end of one (a half-year follows a half-year), else as many days; a Type 1 is followed
 * by a year.
 */
export function nextPeriodValues(current: Pick<Engagement, 'periodStart' | 'periodEnd'>): NextPeriodValues {
  const periodStart = addDays(current.periodEnd, 1);
  if (current.periodStart === null) return { name: '', periodStart, periodEnd: afterMonths(periodStart, 12) };
  const months = wholeMonths(current.periodStart, current.periodEnd);
  const periodEnd = months === null ? addDays(periodStart, daysBetween(current.periodStart, current.periodEnd)) : afterMonths(periodStart, months);
  return { name: '', periodStart, periodEnd };
}

/** How many calendar months a period from the first of a month to the last day of one spans, else null. */
function wholeMonths(start: string, end: string): number | null {
  if (!start.endsWith('-01') || !addDays(end, 1).endsWith('-01')) return null;
  const month = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7));
  return month(end) - month(start) + 1;
}

/** The day before the same day `months` later: the end of a period of that many months from `start`. */
function afterMonths(start: string, months: number): string {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return addDays(isoDate(date), -1);
}

export function validateNextPeriod(current: Pick<Engagement, 'periodEnd'>) {
  return {
    name: (value: string) =>
      value.trim() === '' ? 'Enter a name for the new engagement' : value.trim().length > MAX_NAME_LENGTH ? `At most ${MAX_NAME_LENGTH} characters` : null,
    periodStart: (value: string, values: NextPeriodValues) => {
      if (!isRealDate(value)) return notARealDate();
      const problem = nextPeriodProblem(current, { periodStart: value });
      if (problem !== null) return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}`;
      return periodProblems({ periodStart: value, periodEnd: values.periodEnd })[0]?.message ?? null;
    },
    periodEnd: (value: string) => (isRealDate(value) ? null : notARealDate()),
  };
}
