/**
 * The reminder sent to the plan's webhook: what is overdue and what is due soon, with owner, due date and
 * finding, so that whoever receives it (a chat channel, a ticketing system) can act without opening Assay.
 */
import { countActions, type ActionCounts, type PlannedAction } from './actions.js';

/** Names the payload's shape, so a receiver can tell it from others and its version. */
export const REMINDER_TYPE = 'assay.remediation.reminder/v1';

export interface ReminderItem {
  finding: string;
  findingTitle: string;
  action: string;
  title: string;
  owner: string | null;
  due: string;
  /** Overdue: days past due. */
  daysLate: number | null;
  /** Due soon: days until due (0: today). */
  daysLeft: number | null;
}

export interface ReminderPayload {
  type: typeof REMINDER_TYPE;
  engagement: { id: string; name: string };
  today: string;
  dueSoonDays: number;
  counts: ActionCounts;
  overdue: ReminderItem[];
  dueSoon: ReminderItem[];
  /** One line for a person: "2 corrective actions overdue, 1 due within 14 days (Acme FY2026)". */
  summary: string;
}

const item = (planned: PlannedAction): ReminderItem => ({
  finding: planned.finding,
  findingTitle: planned.findingTitle,
  action: planned.action.id,
  title: planned.action.title,
  owner: planned.action.owner,
  due: planned.action.due as string,
  daysLate: planned.daysLate,
  daysLeft: planned.daysLeft,
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The reminder for `actions` (as `plannedActions` gives them), most overdue first. */
export function reminderPayload(
  engagement: { id: string; name: string },
  today: string,
  dueSoonDays: number,
  actions: readonly PlannedAction[],
): ReminderPayload {
  const overdue = actions.filter((a) => a.state === 'overdue').map(item);
  const dueSoon = actions.filter((a) => a.state === 'due_soon').map(item);
  return {
    type: REMINDER_TYPE,
    engagement: { id: engagement.id, name: engagement.name },
    today,
    dueSoonDays,
    counts: countActions(actions),
    overdue,
    dueSoon,
    summary:
      `${plural(overdue.length, 'corrective action', 'corrective actions')} overdue, ` +
      `${dueSoon.length} due within ${plural(dueSoonDays, 'day', 'days')} (${engagement.name})`,
  };
}
