/** The corrective action plan as the app and the API show it, and what one delivery of reminders came to. */
import type { ActionCounts, PlannedAction } from './actions.js';
import type { Burndown } from './burndown.js';
import type { RemediationPlan } from './plan.js';

export interface VersionedPlan extends RemediationPlan {
  /** 0 until the plan is first saved. */
  version: number;
}

export interface RemediationView {
  plan: VersionedPlan;
  today: string;
  actions: PlannedAction[];
  counts: ActionCounts;
  burndown: Burndown;
}

export interface ReminderOutcome {
  /** True when the webhook accepted the reminder (a 2xx answer). */
  sent: boolean;
  /** The webhook's HTTP status; null when none came (nothing to send, no connection, timeout). */
  status: number | null;
  overdue: number;
  dueSoon: number;
  /** Why the delivery failed, in words; null when it did not. */
  error: string | null;
}
