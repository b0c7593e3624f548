/**
 * The burndown of a corrective action plan: how many actions remained undone on each day from the plan's
 * start to its target, against the ideal straight line from all of them to none at the target.
 */
import type { Finding } from '../findings/model.js';
import { remediableFindings } from './actions.js';
import { addDays, daysBetween, earliest, latest } from '../dates.js';

/** The most points a burndown has: a long plan is drawn per week (or coarser) rather than per day. */
export const MAX_BURNDOWN_POINTS = 120;

export interface BurndownPoint {
  date: string;
  /** Actions not completed by the end of this day; null for days after today (not known yet). */
  remaining: number | null;
  /** The straight line from every action at the start to none at the target; null without a target. */
  ideal: number | null;
}

export interface Burndown {
  start: string | null;
  target: string | null;
  points: BurndownPoint[];
}

/**
 * The burndown on `today` of the findings' corrective actions (false positives left out).
 *
 * - start: the earliest identification date of the findings with actions, else the earliest due date (else
 *   the earliest completion, else today);
 * - target: the plan's target date, else the latest due date;
 * - the chart runs from the start to the target, and on past it to today while actions remain undone (or to
 *   the last completion after the target), so lateness shows; it never runs past both today and the target: a
 *   completion dated in the future (kept from an import; the application refuses one) is drawn as of today;
 * - every action counts from the start, whenever it was planned: the line shows the work as now known.
 */
export function burndown(findings: readonly Finding[], today: string, targetDate: string | null): Burndown {
  const withActions = remediableFindings(findings).filter((f) => f.correctiveActions.length > 0);
  const actions = withActions.flatMap((f) => f.correctiveActions);
  if (actions.length === 0) return { start: null, target: targetDate, points: [] };

  const completions = actions.map((a) => (a.status === 'done' ? a.completedOn : null));
  const start =
    earliest(withActions.map((f) => f.identifiedOn)) ?? earliest(actions.map((a) => a.due)) ?? earliest(completions) ?? today;
  const target = targetDate ?? latest(actions.map((a) => a.due));
  const undone = completions.some((c) => c === null);
  const lastCompletion = latest(completions);
  const completedBy = lastCompletion !== null && lastCompletion > today ? today : lastCompletion;
  const end = latest([start, target, completedBy, undone ? today : null]) as string;

  const total = actions.length;
  const remainingOn = (date: string) => completions.filter((c) => c === null || c > date).length;
  const idealOn = (date: string): number | null => {
    if (target === null) return null;
    if (date >= target) return 0;
    if (date <= start) return total;
    return Math.round((total * daysBetween(date, target) * 100) / daysBetween(start, target)) / 100;
  };

  return {
    start,
    target,
    points: burndownDates(start, end, [target, today]).map((date) => ({
      date,
      remaining: date > today ? null : remainingOn(date),
      ideal: idealOn(date),
    })),
  };
}

/**
 * The days drawn from `start` to `end`: every day, or every n-th day when there would be too many, always
 * with `start`, `end` and the `marks` inside the span (target and today), at most MAX_BURNDOWN_POINTS.
 */
export function burndownDates(start: string, end: string, marks: readonly (string | null)[] = []): string[] {
  const span = daysBetween(start, end);
  const inside = marks.filter((m): m is string => m !== null && m > start && m < end);
  // Room for the start, the end and the marks beside the regular steps.
  const room = MAX_BURNDOWN_POINTS - 2 - inside.length;
  const step = span <= room ? 1 : Math.max(7, Math.ceil(span / room));
  const dates = new Set<string>([start]);
  for (let day = step; day < span; day += step) dates.add(addDays(start, day));
  for (const mark of inside) dates.add(mark);
  dates.add(end);
  return [...dates].sort();
}
