/**
 * The corrective action plan of an engagement: where every corrective action of its findings stands
 * today, the burndown towards the plan's target date, and reminders of what is overdue or due soon, POSTed as
 * JSON to the plan's webhook. The rules are the domain's (src/domain/remediation); this service reads, checks
 * access, saves the plan at the caller's version and audits both the plan's changes and every delivery.
 */
import {
  isoDate,
  burndown,
  can,
  checkPlan,
  countActions,
  maskWebhookUrl,
  plannedActions,
  reminderPayload,
  ValidationError,
  type RemediationPlan,
  type RemediationView,
  type ReminderOutcome,
  type VersionedPlan,
} from '../domain/index.js';
import type { FindingsRepository } from '../store/findings-repository.js';
import type { RemediationPlansRepository } from '../store/remediation-plans-repository.js';
import type { Executor } from '../store/values.js';
import type { Access } from './access.js';
import type { Actor } from './actor.js';
import type { AuditLog } from './audit.js';
import type { ProgrammeLookup } from './programme.js';

/** How long a webhook has to answer before the delivery counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 5000;


export interface EngagementReminder {
  organizationId: string;
  engagementId: string;
  engagementName: string;
  outcome: ReminderOutcome;
}


/** Why a request to the webhook got no answer, in words (the cause's code where Node gives one). */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `the webhook did not answer within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `the webhook could not be reached: ${detail}`;
}

export function createRemediationService(deps: {
  db: Executor;
  plans: Pick<RemediationPlansRepository, 'find' | 'save' | 'listWithWebhook'>;
  findings: Pick<FindingsRepository, 'list'>;
  lookup: ProgrammeLookup;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
  /** Injected so tests can aim it anywhere; the reminders go over real HTTP either way. */
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}) {
  const { db, plans, findings, lookup, access, audit, clock } = deps;
  const post = deps.fetch ?? globalThis.fetch;
  const timeoutMs = deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS;

  /** POSTs the JSON; what came back (or why nothing did). Redirects are not followed: a webhook answers itself. */
  async function deliver(url: string, body: unknown): Promise<{ status: number | null; error: string | null }> {
    try {
      const response = await post(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Assay remediation reminders' },
        body: JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return { status: response.status, error: response.ok ? null : `the webhook answered HTTP ${response.status}` };
    } catch (error) {
      return { status: null, error: describeFailure(error, timeoutMs) };
    }
  }

  async function remind(actor: Actor, organizationId: string, engagementId: string) {
    await access.require(actor, organizationId, 'engagement.manage');
    const engagement = await lookup.engagement(organizationId, engagementId);
    const plan = await plans.find(engagementId);
    if (plan.webhookUrl === null) {
      throw new ValidationError(
        [{ location: '$.webhookUrl', message: 'no webhook is set for this engagement: set one in its corrective action plan' }],
        'No reminder can be sent',
      );
    }
    const today = isoDate(clock());
    const payload = reminderPayload(engagement, today, plan.dueSoonDays, plannedActions(await findings.list(engagementId), today, plan.dueSoonDays));
    const counts = { overdue: payload.overdue.length, dueSoon: payload.dueSoon.length };
    // Nothing overdue or due soon: nothing to remind anyone of (a daily cron would otherwise post empty news).
    if (counts.overdue + counts.dueSoon === 0) return { engagement, outcome: { sent: false, status: null, ...counts, error: null } };
    // Delivered outside any transaction (no lock held while a slow webhook answers), then audited either way.
    const { status, error } = await deliver(plan.webhookUrl, payload);
    const outcome: ReminderOutcome = { sent: error === null, status, ...counts, error };
    await db.transaction().execute((trx) =>
      audit.record(trx, actor, {
        type: 'remediation.reminders_sent',
        organizationId,
        subject: `engagement:${engagementId}`,
        after: { ...outcome, today, webhook: maskWebhookUrl(plan.webhookUrl) },
      }),
    );
    return { engagement, outcome };
  }

  return {
    /**
     * The plan, every counted corrective action with its standing today, the counts and the burndown. The
     * webhook is shown whole only to those who may manage the plan (its path is often its secret).
     */
    async view(actor: Actor, organizationId: string, engagementId: string): Promise<RemediationView> {
      const role = await access.require(actor, organizationId, 'finding.read');
      await lookup.engagement(organizationId, engagementId);
      const plan = await plans.find(engagementId);
      const all = await findings.list(engagementId);
      const today = isoDate(clock());
      const actions = plannedActions(all, today, plan.dueSoonDays);
      return {
        plan: can(role, 'engagement.manage') ? plan : { ...plan, webhookUrl: maskWebhookUrl(plan.webhookUrl) },
        today,
        actions,
        counts: countActions(actions),
        burndown: burndown(all, today, plan.targetDate),
      };
    },

    /** Sets the plan at `version` (0: the first time). The audit log keeps the webhook's origin, not its path. */
    async updatePlan(actor: Actor, organizationId: string, engagementId: string, version: number, plan: RemediationPlan): Promise<VersionedPlan> {
      await access.require(actor, organizationId, 'engagement.manage');
      const issues = checkPlan(plan);
      if (issues.length > 0) throw new ValidationError(issues, 'The corrective action plan cannot be saved');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const before = await plans.find(engagementId, trx);
        const saved = await plans.save(engagementId, version, plan, trx);
        const logged = (p: VersionedPlan) => ({ ...p, webhookUrl: maskWebhookUrl(p.webhookUrl) });
        await audit.record(trx, actor, {
          type: 'remediation.plan_updated',
          organizationId,
          subject: `engagement:${engagementId}`,
          before: logged(before),
          after: logged(saved),
        });
        return saved;
      });
    },

    /**
     * POSTs the reminder of what is overdue and due soon to the plan's webhook (5 s to answer) and audits the
     * delivery with its HTTP status or error. A plan without a webhook is a ValidationError.
     */
    async sendReminders(actor: Actor, organizationId: string, engagementId: string): Promise<ReminderOutcome> {
      return (await remind(actor, organizationId, engagementId)).outcome;
    },

    /** The reminders of every engagement whose plan has a webhook (`assay remind`), one outcome each. */
    async sendAllReminders(actor: Actor): Promise<EngagementReminder[]> {
      const outcomes: EngagementReminder[] = [];
      for (const plan of await plans.listWithWebhook()) {
        try {
          const { engagement, outcome } = await remind(actor, plan.organizationId, plan.engagementId);
          outcomes.push({ organizationId: plan.organizationId, engagementId: plan.engagementId, engagementName: engagement.name, outcome });
        } catch (error) {
          // One engagement's failure (its access, its data) does not keep the others' reminders back.
          const failed = { sent: false, status: null, overdue: 0, dueSoon: 0, error: error instanceof Error ? error.message : String(error) };
          outcomes.push({ organizationId: plan.organizationId, engagementId: plan.engagementId, engagementName: plan.engagementId, outcome: failed });
        }
      }
      return outcomes;
    },
  };
}

export type RemediationService = ReturnType<typeof createRemediationService>;
