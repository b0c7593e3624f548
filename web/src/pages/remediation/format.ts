/** Wording shared by the corrective actions page and the dashboard's card, and the page's filter. */
import type { PlannedAction } from '../../api/remediation.js';
import { formatDate } from '../../dates.js';
import { counted } from '@assay/domain/words.js';

/** "1 of 3 corrective actions done" (always this wording: the browser tests read it). */
export function doneSentence(counts: { done: number; total: number }): string {
  return `${counts.done} of ${counts.total} corrective actions done`;
}

/** Which actions the page lists: all of them (the default), those not done, the overdue ones, the done ones. */
export const ACTION_FILTERS = ['all', 'open', 'overdue', 'done'] as const;
export type ActionFilter = (typeof ACTION_FILTERS)[number];

export const FILTER_LABELS: Record<ActionFilter, string> = { all: 'All', open: 'Open', overdue: 'Overdue', done: 'Done' };

/** The filter a link asks for (`?show=overdue`); anything else lists all. */
export function actionFilterOf(value: string | null): ActionFilter {
  return (ACTION_FILTERS as readonly string[]).includes(value ?? '') ? (value as ActionFilter) : 'all';
}

export function filterActions(actions: readonly PlannedAction[], filter: ActionFilter): PlannedAction[] {
  switch (filter) {
    case 'all':
      return [...actions];
    case 'open':
      return actions.filter((a) => a.state !== 'done');
    case 'overdue':
      return actions.filter((a) => a.state === 'overdue');
    case 'done':
      return actions.filter((a) => a.state === 'done');
  }
}

/** Where an action stands, in words: "overdue by 14 days", "due in 5 days", "done on Aug 10, 2026". */
export function standingText(a: Pick<PlannedAction, 'state' | 'daysLate' | 'daysLeft'> & { action: { completedOn: string | null } }): string {
  switch (a.state) {
    case 'overdue':
      return `overdue by ${counted(a.daysLate ?? 0, 'day')}`;
    case 'due_soon':
    case 'on_track':
      return a.daysLeft === 0 ? 'due today' : `due in ${counted(a.daysLeft ?? 0, 'day')}`;
    case 'done':
      return a.action.completedOn === null ? 'done' : `done on ${formatDate(a.action.completedOn)}`;
    case 'undated':
      return 'no due date';
  }
}
