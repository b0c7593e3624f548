/**
 * The corrective action plan over HTTP. Shapes are checked here (types, ranges, real dates, unknown
 * fields refused); the webhook's scheme is the domain's rule (`checkPlan`), applied by the service so the
 * command line gets it too.
 */
import { z } from 'zod';
import { ACTION_STATES, MAX_DUE_SOON_DAYS, MAX_WEBHOOK_URL_LENGTH, MIN_DUE_SOON_DAYS, REMINDER_DELIVERIES } from '../domain/index.js';
import { date } from './fields.js';
import { findingSchema } from './findings.js';

const count = z.number().int();

export const planSchema = z
  .object({
    /** The date by which every corrective action should be done; null: the latest due date stands in. */
    targetDate: z.string().nullable(),
    /** Where reminders are POSTed; shown as its origin only to those who may not manage the plan. */
    webhookUrl: z.string().nullable(),
    dueSoonDays: count,
    /** 0 until the plan is first saved; send it back to change the plan (a stale one gets 409). */
    version: count,
  })
  .meta({ id: 'RemediationPlan' });

export const remediationView = z
  .object({
    plan: planSchema,
    today: z.string(),
    actions: z.array(
      z.object({
        finding: z.string(),
        findingTitle: z.string(),
        action: findingSchema.shape.correctiveActions.element,
        state: z.enum(ACTION_STATES),
        daysLate: count.nullable(),
        daysLeft: count.nullable(),
      }),
    ),
    /** The actions in all, of which `actions` is the page from `offset`. */
    total: count,
    limit: count,
    offset: count,
    counts: z.object({ total: count, done: count, overdue: count, dueSoon: count }),
    burndown: z.object({
      start: z.string().nullable(),
      target: z.string().nullable(),
      points: z.array(z.object({ date: z.string(), remaining: z.number().nullable(), ideal: z.number().nullable() })),
    }),
  })
  .meta({ id: 'RemediationView' });

export const planBody = z.strictObject({
  /** The version read (0 when the plan was never saved). */
  version: z.number().int().min(0),
  targetDate: date.nullable(),
  webhookUrl: z.string().trim().min(1, { message: 'must not be empty (send null for none)' }).max(MAX_WEBHOOK_URL_LENGTH).nullable(),
  dueSoonDays: z.number().int().min(MIN_DUE_SOON_DAYS).max(MAX_DUE_SOON_DAYS),
});

export const remindersBody = z.strictObject({}).optional();

export const reminderOutcome = z
  .object({
    /** delivered (a 2xx answer), failed (why is in the operator's log only), or nothing_to_send. */
    delivery: z.enum(REMINDER_DELIVERIES),
    overdue: count,
    dueSoon: count,
  })
  .meta({ id: 'ReminderOutcome' });

export type VersionedPlan = z.infer<typeof planSchema>;
export type PlanInput = z.input<typeof planBody>;
export type RemediationView = z.infer<typeof remediationView>;
export type PlannedAction = RemediationView['actions'][number];
export type ReminderOutcome = z.infer<typeof reminderOutcome>;
