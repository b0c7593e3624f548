/**
 * Where each corrective action stands on a given day: done, overdue, due soon, on track, or undated. The
 * actions of findings closed as false positives are left out: those were never issues to fix.
 */
import { compareIds } from '../evaluation/examine.js';
import type { CorrectiveAction, Finding } from '../findings/model.js';
import { daysBetween } from '../dates.js';

export const ACTION_STATES = ['overdue', 'due_soon', 'on_track', 'done', 'undated'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

export interface ActionStanding {
  state: ActionState;
  /** Days past its due date (overdue only). */
  daysLate: number | null;
  /** Days until its due date, 0 on the day (due soon and on track only). */
  daysLeft: number | null;
}

export interface PlannedAction extends ActionStanding {
  /** The finding's code, e.g. F-AC-04. */
  finding: string;
  findingTitle: string;
  action: CorrectiveAction;
}

export interface ActionCounts {
  total: number;
  done: number;
  overdue: number;
  dueSoon: number;
}

/**
 * An action's standing on `today`: done when its status is done (whatever its date); else undated without a
 * due date; else overdue when due before today; due soon when due within `dueSoonDays` (today included);
 * else on track.
 */
export function actionStanding(action: Pick<CorrectiveAction, 'status' | 'due'>, today: string, dueSoonDays: number): ActionStanding {
  if (action.status === 'done') return { state: 'done', daysLate: null, daysLeft: null };
  if (action.due === null) return { state: 'undated', daysLate: null, daysLeft: null };
  const left = daysBetween(today, action.due);
  if (left < 0) return { state: 'overdue', daysLate: -left, daysLeft: null };
  return { state: left <= dueSoonDays ? 'due_soon' : 'on_track', daysLate: null, daysLeft: left };
}

/** The findings whose corrective actions count: all but false positives. */
export function remediableFindings<F extends Finding>(findings: readonly F[]): F[] {
  return findings.filter((f) => f.status !== 'false_positive');
}

/** Every counted action with its standing, soonest due first (undated last), then by finding and action id. */
export function plannedActions(findings: readonly Finding[], today: string, dueSoonDays: number): PlannedAction[] {
  const planned = remediableFindings(findings).flatMap((finding) =>
    finding.correctiveActions.map((action) => ({
      finding: finding.code,
      findingTitle: finding.title,
      action,
      ...actionStanding(action, today, dueSoonDays),
    })),
  );
  return planned.sort(
    (a, b) =>
      compareDue(a.action.due, b.action.due) || compareIds(a.finding, b.finding) || compareIds(a.action.id, b.action.id),
  );
}

function compareDue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export function countActions(actions: readonly ActionStanding[]): ActionCounts {
  return {
    total: actions.length,
    done: actions.filter((a) => a.state === 'done').length,
    overdue: actions.filter((a) => a.state === 'overdue').length,
    dueSoon: actions.filter((a) => a.state === 'due_soon').length,
  };
}
