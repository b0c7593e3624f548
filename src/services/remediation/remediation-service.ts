/**
 * The corrective action plan of an engagement: where every corrective action of its findings stands
 * today, the burndown towards the plan's target date, and reminders of what is overdue or due soon, POSTed as
 * JSON to the plan's webhook. The rules are the domain's (src/domain/remediation); this service reads, checks
 * access, saves the plan at the caller's version and audits both the plan's changes and every delivery.
 * Webhooks reach public addresses only unless the operator allows more, checked when the URL is set and again
 * at each delivery (webhook-delivery.ts); a delivery is reported as delivered or failed, the why to the
 * operator's log only.
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
} from '../../domain/index.js';
import type { FindingsRepository } from '../../store/findings-repository.js';
import type { RemediationPlansRepository } from '../../store/remediation-plans-repository.js';
import { pageOf, type Executor, type Page } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import { PUBLIC_ONLY, type WebhookPolicy } from './webhook-addresses.js';
import { postJson, systemResolve, webhookTarget, type Resolve } from './webhook-delivery.js';

/** How long a webhook has to answer before the delivery counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 5000;

export interface EngagementReminder {
  organizationId: string;
  engagementId: string;
  engagementName: string;
  outcome: ReminderOutcome;
}

/** Where webhooks may go on this instance, and where the detail of a failed delivery is written. */
export interface WebhookSettings {
  policy: WebhookPolicy;
  /** The resolver (the system's by default; tests answer for names of their own). */
  resolve?: Resolve;
  /** The operator's log: why a delivery failed. Never shown to the caller. */
  logFailure?: (line: string) => void;
  timeoutMs?: number;
}

export function createRemediationService(deps: {
  db: Executor;
  plans: Pick<RemediationPlansRepository, 'find' | 'save' | 'listWithWebhook'>;
  findings: Pick<FindingsRepository, 'list'>;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
  /** Public addresses only, when not given. */
  webhooks?: WebhookSettings;
}) {
  const { db, plans, findings, lookup, access, audit, clock } = deps;
  const policy = deps.webhooks?.policy ?? PUBLIC_ONLY;
  const resolve = deps.webhooks?.resolve ?? systemResolve;
  const logFailure = deps.webhooks?.logFailure ?? (() => undefined);
  const timeoutMs = deps.webhooks?.timeoutMs ?? WEBHOOK_TIMEOUT_MS;

  /**
   * POSTs the JSON to the webhook, its host resolved and checked now (DNS may have changed since the URL was
   * set) and the connection made to the address checked. Delivered or not; the why goes to the operator's log.
   */
  async function deliver(where: string, url: string, body: unknown): Promise<boolean> {
    const target = await webhookTarget(url, policy, resolve);
    const delivery = target.allowed ? await postJson(url, target, body, timeoutMs) : { delivered: false, detail: `refused: ${target.detail}` };
    if (!delivery.delivered) logFailure(`webhook delivery failed for ${where} (${maskWebhookUrl(url)}): ${delivery.detail}`);
    return delivery.delivered;
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
    if (counts.overdue + counts.dueSoon === 0) return { engagement, outcome: { delivery: 'nothing_to_send' as const, ...counts } };
    // Delivered outside any transaction (no lock held while a slow webhook answers), then audited either way.
    const delivered = await deliver(`engagement ${engagementId}`, plan.webhookUrl, payload);
    const outcome: ReminderOutcome = { delivery: delivered ? 'delivered' : 'failed', ...counts };
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
     * The plan, a page of the counted corrective actions with their standing today (`total` of them in all), and
     * the counts and the burndown over all of them. The webhook is shown whole only to those who may manage the
     * plan (its path is often its secret).
     */
    async view(actor: Actor, organizationId: string, engagementId: string, page: Page): Promise<RemediationView & { total: number }> {
      const grant = await access.require(actor, organizationId, 'finding.read');
      await lookup.engagement(organizationId, engagementId);
      const plan = await plans.find(engagementId);
      const all = await findings.list(engagementId);
      const today = isoDate(clock());
      const actions = plannedActions(all, today, plan.dueSoonDays);
      const { items, total } = pageOf(actions, page);
      return {
        plan: can(grant, 'engagement.manage') ? plan : { ...plan, webhookUrl: maskWebhookUrl(plan.webhookUrl) },
        today,
        actions: items,
        total,
        counts: countActions(actions),
        burndown: burndown(all, today, plan.targetDate),
      };
    },

    /**
     * Sets the plan at `version` (0: the first time). A webhook must reach an address this instance allows
     * (public, unless the operator allows more). The audit log keeps the webhook's origin, not its path.
     */
    async updatePlan(actor: Actor, organizationId: string, engagementId: string, version: number, plan: RemediationPlan): Promise<VersionedPlan> {
      await access.require(actor, organizationId, 'engagement.manage');
      const issues = checkPlan(plan);
      // A new webhook is checked here (outside the transaction: a resolver may be slow); one kept as it was is
      // checked at each delivery anyway, so a plan can be saved while its host does not resolve.
      if (issues.length === 0 && plan.webhookUrl !== null && plan.webhookUrl !== (await plans.find(engagementId)).webhookUrl) {
        const target = await webhookTarget(plan.webhookUrl, policy, resolve);
        if (!target.allowed) issues.push({ location: '$.webhookUrl', message: target.reason });
      }
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
     * delivery: delivered or failed, nothing more. A plan without a webhook is a ValidationError.
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
          logFailure(`reminders of engagement ${plan.engagementId} failed: ${error instanceof Error ? error.message : String(error)}`);
          const failed = { delivery: 'failed' as const, overdue: 0, dueSoon: 0 };
          outcomes.push({ organizationId: plan.organizationId, engagementId: plan.engagementId, engagementName: plan.engagementId, outcome: failed });
        }
      }
      return outcomes;
    },
  };
}

export type RemediationService = ReturnType<typeof createRemediationService>;
