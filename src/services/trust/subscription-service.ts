/**
 * Subscriptions to a trust page (docs/trust-page.md, "Subscriptions"). Anyone may subscribe to a published page:
 * an e-mail address gets a confirm link and is notified only once it is followed (nobody can subscribe someone
 * else); a webhook, at a public https address, is active at once and its secrets are shown once. Every link's
 * secret is random and stored only as its SHA-256; a webhook's signing secret alone is kept as it is. After a
 * publication commits, the active subscribers hear of a newly offered report and of a changed subprocessor list,
 * from the published snapshots only. A delivery that fails is logged for the operator, never the admin's failure.
 */
import {
  confirmedStatus,
  DAY_MS,
  confirmWindowStart,
  ConflictError,
  MAX_SUBSCRIPTIONS,
  NotFoundError,
  signature,
  SIGNATURE_HEADER,
  subprocessorChanges,
  ValidationError,
  webhookUrlProblem,
  type SubscriptionStatus,
  type TrustSnapshot,
} from '../../domain/index.js';
import type { TrustRepository } from '../../store/trust-repository.js';
import type { SubscriptionTarget, TrustSubscriptionsRepository } from '../../store/trust-subscriptions-repository.js';
import { normalizeEmail } from '../../store/users-repository.js';
import { isUniqueViolation, toTimestamp, type Executor } from '../../store/values.js';
import { newSecret } from '../platform/secrets.js';
import { WEBHOOK_TIMEOUT_MS, type WebhookSettings } from '../remediation/remediation-service.js';
import { internalRange, parseIpAddress, PUBLIC_ONLY } from '../remediation/webhook-addresses.js';
import { postJsonText, systemResolve, webhookTarget } from '../remediation/webhook-delivery.js';
import type { Mailer } from './mail.js';
import { publishedPage, trustPageUrl } from './trust-service.js';

export type SubscribeInput = { kind: 'email'; email: string } | { kind: 'webhook'; url: string };

export type Subscribed =
  | { kind: 'email'; status: 'pending' }
  /** The signing secret and the unsubscribe secret, shown this once. */
  | { kind: 'webhook'; status: 'active'; secret: string; token: string };

/** What one publication changed that subscribers hear of: only what both snapshots published. */
export interface PublicationChange {
  organizationId: string;
  before: { snapshot: TrustSnapshot | null; reportId: string | null };
  after: { snapshot: TrustSnapshot; reportId: string | null };
  slug: string;
  baseUrl: string;
}

/** A notification's body, as a webhook receives it (and an e-mail tells it). */
export interface TrustNotification {
  organization: string;
  trustPage: string;
  sentAt: string;
  /** The report newly offered behind the request form, by its period; null when the report did not change. */
  newReport: TrustSnapshot['report'];
  /** Subprocessors added and removed; null when the list did not change. */
  subprocessors: ReturnType<typeof subprocessorChanges> | null;
}

const unknownSubscription = () => new NotFoundError('The subscription');

/** Why a webhook address is refused, as an anonymous visitor hears it. */
export const ADDRESS_NOT_ACCEPTED = 'is not accepted: it must be a public https address';

/** How many subscribers one publication notifies at once: bounds the sockets and SMTP connections it holds. */
export const DELIVERY_CONCURRENCY = 8;

/**
 * How long an unsubscribe link mailed with a notification works: 400 days. Every notification carries a link of
 * its own, so whoever gets mail always holds one as recent as the last mail; a page whose only news is its yearly
 * SOC 2 report mails about every 365 days, and the month beyond that leaves room for a report issued late. Older
 * links are refused as unknown ones, and deleted as the organisation's next notification goes out.
 */
export const UNSUBSCRIBE_LINK_DAYS = 400;

/**
 * The most old links one notifying publication deletes: five times what it can add (a link per live subscription,
 * at most MAX_SUBSCRIPTIONS), so a backlog shrinks with every publication while none pays for more than this.
 */
export const LINK_DELETE_BATCH = 5 * MAX_SUBSCRIPTIONS;

/** The web app's page that confirms or cancels a subscription with the secret in its fragment. */
const subscriptionLink = (baseUrl: string, slug: string, action: 'confirm' | 'unsubscribe', token: string) => `${trustPageUrl(baseUrl, slug)}/subscription#${action}=${token}`;

export function createSubscriptionService(deps: {
  db: Executor;
  subscriptions: TrustSubscriptionsRepository;
  trust: Pick<TrustRepository, 'pageBySlug'>;
  mailer: Mailer | null;
  webhooks?: WebhookSettings;
  clock: () => Date;
}) {
  const { db, subscriptions, trust, mailer, clock } = deps;
  const policy = deps.webhooks?.policy ?? PUBLIC_ONLY;
  const resolve = deps.webhooks?.resolve ?? systemResolve;
  const logFailure = deps.webhooks?.logFailure ?? (() => undefined);
  const timeoutMs = deps.webhooks?.timeoutMs ?? WEBHOOK_TIMEOUT_MS;

  /**
   * A webhook URL is one a reminder webhook could be (no credentials in it), https to a public address; plain
   * http only to an internal host the operator allows. The visitor is anonymous: every refusal of the address
   * says the same, naming neither the operator's settings nor what the host resolves to (or whether it does).
   */
  async function requireWebhookUrl(url: string): Promise<void> {
    const refuse = (message: string) => new ValidationError([{ location: '$.url', message }], 'The webhook address is not accepted');
    const problem = webhookUrlProblem(url);
    if (problem !== null) throw refuse(problem);
    const { protocol } = new URL(url);
    const target = await webhookTarget(url, policy, resolve);
    if (!target.allowed || (protocol === 'http:' && internalRange(parseIpAddress(target.address) ?? []) === null)) throw refuse(ADDRESS_NOT_ACCEPTED);
  }

  /** The oldest a mailed unsubscribe link may be and still work. */
  const linksMailedSince = () => new Date(clock().getTime() - UNSUBSCRIBE_LINK_DAYS * DAY_MS);

  async function requireRoom(organizationId: string, trx: Executor): Promise<void> {
    if ((await subscriptions.countLive(organizationId, confirmWindowStart(clock()), trx)) >= MAX_SUBSCRIPTIONS) {
      throw new ConflictError(`This trust page has ${MAX_SUBSCRIPTIONS} subscriptions, the most it keeps`);
    }
  }

  /** Moves the subscription a link's secret names, in the organisation of the page given only. */
  async function follow(organizationId: string, token: string, next: (status: SubscriptionStatus) => SubscriptionStatus): Promise<{ status: SubscriptionStatus }> {
    return db.transaction().execute(async (trx) => {
      const found = await subscriptions.findByToken(organizationId, token, linksMailedSince(), trx);
      if (!found) throw unknownSubscription();
      const status = next(found.status);
      if (status !== found.status && !(await subscriptions.setStatus(found.id, found.status, status, trx))) throw new ConflictError('The subscription changed meanwhile: try again');
      return { status };
    });
  }

  /** Sends one notification; an e-mail carries `stop`, the secret of its unsubscribe link. */
  async function deliver(target: SubscriptionTarget, notification: TrustNotification, change: PublicationChange, stop: string | undefined): Promise<void> {
    const name = notification.organization;
    if (target.kind === 'email') {
      if (mailer === null || stop === undefined) return;
      const lines = [`${name} has changed its trust page:`, ''];
      const report = notification.newReport;
      if (report) lines.push(`- A new SOC 2 report (${report.type}, ${report.periodStart ? `${report.periodStart} to ` : ''}${report.periodEnd}) can be requested.`);
      for (const s of notification.subprocessors?.added ?? []) lines.push(`- New subprocessor: ${s.name} (${s.purpose}, ${s.location}).`);
      for (const s of notification.subprocessors?.removed ?? []) lines.push(`- Subprocessor no longer used: ${s.name} (${s.purpose}, ${s.location}).`);
      lines.push('', `See it at ${notification.trustPage}`, '', `Stop these e-mails: ${subscriptionLink(change.baseUrl, change.slug, 'unsubscribe', stop)}`, '');
      await mailer.send({ to: target.address, subject: `${name}: its trust page has changed`, text: lines.join('\n') });
      return;
    }
    if (target.signingSecret === null) throw new Error('it has no signing secret');
    const checked = await webhookTarget(target.address, policy, resolve);
    if (!checked.allowed) throw new Error(`refused: ${checked.detail}`);
    const body = JSON.stringify(notification);
    const delivery = await postJsonText(target.address, checked, body, timeoutMs, { 'user-agent': 'Assay trust page', [SIGNATURE_HEADER.toLowerCase()]: signature(target.signingSecret, body, clock()) });
    if (!delivery.delivered) throw new Error(delivery.detail);
  }

  return {
    async subscribe(slug: string, input: SubscribeInput, baseUrl: string): Promise<Subscribed> {
      const page = await publishedPage(trust, slug);
      if (input.kind === 'webhook') {
        await requireWebhookUrl(input.url);
        const secret = newSecret();
        const token = newSecret();
        await db.transaction().execute(async (trx) => {
          await requireRoom(page.organizationId, trx);
          await subscriptions.add({ organizationId: page.organizationId, kind: 'webhook', address: input.url, status: 'active', token, signingSecret: secret }, trx);
        });
        return { kind: 'webhook', status: 'active', secret, token };
      }
      if (mailer === null) throw new ValidationError([{ location: '$.kind', message: 'this installation sends no e-mail: subscribe with a webhook' }], 'E-mail subscriptions are not available');
      const email = normalizeEmail(input.email);
      const token = newSecret();
      // The same answer whether or not the address is subscribed already: nobody learns who is.
      const send = await db
        .transaction()
        .execute(async (trx) => {
          const [live] = await subscriptions.live(page.organizationId, 'email', email, trx);
          // At most one confirm e-mail per address per window: asking again within it mails nobody.
          if (live?.status === 'active' || (live && live.createdAt >= toTimestamp(confirmWindowStart(clock())))) return false;
          await requireRoom(page.organizationId, trx);
          if (live) await subscriptions.renew(live.id, token, trx);
          else await subscriptions.add({ organizationId: page.organizationId, kind: 'email', address: email, status: 'pending', token, signingSecret: null }, trx);
          return true;
        })
        // A racing request for the same address subscribed it first, and mailed its link.
        .catch((error: unknown) => (isUniqueViolation(error) ? false : Promise.reject(error)));
      if (send) {
        const name = page.snapshot.organizationName;
        await mailer.send({
          to: email,
          subject: `${name}: confirm your subscription to its trust page`,
          text: `Someone (we hope you) asked to hear by e-mail when ${name} publishes a new SOC 2 report or changes its subprocessors.\n\nConfirm here:\n\n${subscriptionLink(baseUrl, slug, 'confirm', token)}\n\nIf it was not you, ignore this e-mail: nothing is sent until the link is followed.\n`,
        });
      }
      return { kind: 'email', status: 'pending' };
    },

    /** Follows a confirm link, on a published page: the e-mail subscription is active from now on. */
    confirm: async (slug: string, token: string) => follow((await publishedPage(trust, slug)).organizationId, token, confirmedStatus),

    /**
     * Follows an unsubscribe link (or a webhook's unsubscribe secret): nothing is sent to it any more. It works
     * while the page is taken down too, and says no more about the slug than that the subscription is unknown.
     */
    async unsubscribe(slug: string, token: string) {
      const page = await trust.pageBySlug(slug);
      if (!page) throw unknownSubscription();
      return follow(page.organizationId, token, () => 'unsubscribed');
    },

    /** Active subscribers by kind, for the organisation's admin (who is authorised by the caller). */
    subscribers: (organizationId: string) => subscriptions.activeCounts(organizationId),

    /**
     * Tells every active subscriber what a publication changed (a report newly offered, subprocessors added or
     * removed), after its transaction committed, a few at a time. Each failure is logged for the operator, none is
     * thrown.
     */
    async notify(change: PublicationChange): Promise<void> {
      const reportChanged = change.after.reportId !== null && change.after.reportId !== (change.before.snapshot ? change.before.reportId : null);
      const changes = subprocessorChanges(change.before.snapshot?.subprocessors ?? [], change.after.snapshot.subprocessors);
      const listChanged = changes.added.length > 0 || changes.removed.length > 0;
      if (!reportChanged && !listChanged) return;
      const notification: TrustNotification = {
        organization: change.after.snapshot.organizationName,
        trustPage: trustPageUrl(change.baseUrl, change.slug),
        sentAt: clock().toISOString(),
        newReport: reportChanged ? change.after.snapshot.report : null,
        subprocessors: listChanged ? changes : null,
      };
      try {
        const targets = await subscriptions.active(change.organizationId);
        // Each mail carries an unsubscribe link of its own, made now and kept only as its hash (nothing stored can
        // make it again); all of them are kept in one statement, before any mail is sent, and a batch of the links
        // that no longer work is deleted with them.
        const stops = new Map(mailer === null ? [] : targets.filter((t) => t.kind === 'email').map((t) => [t.id, newSecret()]));
        await db.transaction().execute(async (trx) => {
          await subscriptions.deleteLinksMailedBefore(change.organizationId, linksMailedSince(), LINK_DELETE_BATCH, trx);
          await subscriptions.addLinks([...stops].map(([subscriptionId, token]) => ({ subscriptionId, token })), trx);
        });
        // A few workers share one queue, so at most DELIVERY_CONCURRENCY deliveries are under way at once.
        const queue = targets.values();
        const worker = async () => {
          for (const target of queue) {
            await deliver(target, notification, change, stops.get(target.id)).catch((error: unknown) => logFailure(`trust page notification failed for subscription ${target.id} (${target.kind}): ${(error as Error).message}`));
          }
        };
        await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, targets.length) }, worker));
      } catch (error) {
        logFailure(`trust page notifications failed: ${(error as Error).message}`);
      }
    },
  };
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
