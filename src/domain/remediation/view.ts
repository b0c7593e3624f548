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

/**
 * What came of a reminder: `delivered` (the webhook answered 2xx), `failed` (anything else: why is the
 * operator's to know, not the caller's, lest a webhook probe the instance's network), or `nothing_to_send`.
 */
export const REMINDER_DELIVERIES = ['delivered', 'failed', 'nothing_to_send'] as const;
export type ReminderDelivery = (typeof REMINDER_DELIVERIES)[number];

export interface ReminderOutcome {
  delivery: ReminderDelivery;
  overdue: number;
  dueSoon: number;
}
