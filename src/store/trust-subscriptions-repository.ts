/**
 * Subscriptions to a trust page. Every link's secret is kept only as its SHA-256 (the subscription's own in
 * `token_hash`, each mailed unsubscribe link's in `trust_subscription_links`), and no hash is ever selected; a
 * webhook's signing secret, the one secret kept in clear, is read only to notify (`active`). A change of status is
 * a conditional update, and every lookup by secret names the organisation, so another organisation's secret finds
 * nothing.
 */
import type { SubscriptionKind, SubscriptionStatus } from '../domain/index.js';
import { hashToken } from './token-hash.js';
import { defaultDependencies, toCount, toTimestamp, type Executor, type StoreDependencies } from './values.js';

export interface TrustSubscription {
  id: string;
  organizationId: string;
  kind: SubscriptionKind;
  address: string;
  status: SubscriptionStatus;
  createdAt: string;
  confirmedAt: string | null;
}

/** An active subscription as a notification needs it: where to, and a webhook's secret to sign with. */
export type SubscriptionTarget = { id: string; kind: 'email'; address: string } | { id: string; kind: 'webhook'; address: string; signingSecret: string | null };

const columns = ['id', 'organization_id', 'kind', 'address', 'status', 'created_at', 'confirmed_at'] as const;

type Row = { id: string; organization_id: string; kind: string; address: string; status: string; created_at: string; confirmed_at: string | null };
const toSubscription = (row: Row): TrustSubscription => ({
  id: row.id,
  organizationId: row.organization_id,
  kind: row.kind as SubscriptionKind,
  address: row.address,
  status: row.status as SubscriptionStatus,
  createdAt: row.created_at,
  confirmedAt: row.confirmed_at,
});

export type TrustSubscriptionsRepository = ReturnType<typeof createTrustSubscriptionsRepository>;

export function createTrustSubscriptionsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const now = () => toTimestamp(deps.clock());

  return {
    async add(
      input: { organizationId: string; kind: SubscriptionKind; address: string; status: SubscriptionStatus; token: string; signingSecret: string | null },
      trx?: Executor,
    ): Promise<TrustSubscription> {
      const at = now();
      const row = await (trx ?? db)
        .insertInto('trust_subscriptions')
        .values({
          id: deps.newId(),
          organization_id: input.organizationId,
          kind: input.kind,
          address: input.address,
          status: input.status,
          token_hash: hashToken(input.token),
          signing_secret: input.signingSecret,
          created_at: at,
          confirmed_at: input.status === 'active' ? at : null,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toSubscription(row);
    },

    /** The organisation's subscriptions of an address that are not cancelled (an e-mail address has at most one). */
    async live(organizationId: string, kind: SubscriptionKind, address: string, trx?: Executor): Promise<TrustSubscription[]> {
      const rows = await (trx ?? db)
        .selectFrom('trust_subscriptions')
        .select(columns)
        .where('organization_id', '=', organizationId)
        .where('kind', '=', kind)
        .where('address', '=', address)
        .where('status', '!=', 'unsubscribed')
        .execute();
      return rows.map(toSubscription);
    },

    /**
     * Gives a pending subscription a new link secret (the link mailed before stops working); its `created_at`
     * becomes now, the time its latest confirm link was sent.
     */
    async renew(id: string, token: string, trx?: Executor): Promise<void> {
      await (trx ?? db).updateTable('trust_subscriptions').set({ token_hash: hashToken(token), created_at: now() }).where('id', '=', id).where('status', '=', 'pending').execute();
    },

    /** Keeps the hashes of unsubscribe links about to be mailed, so that each works from now on. */
    async addLinks(links: readonly { subscriptionId: string; token: string }[], trx?: Executor): Promise<void> {
      if (links.length === 0) return;
      const at = now();
      await (trx ?? db)
        .insertInto('trust_subscription_links')
        .values(links.map((link) => ({ token_hash: hashToken(link.token), subscription_id: link.subscriptionId, created_at: at })))
        .execute();
    },

    /**
     * The subscription a link's secret belongs to, its own or one mailed since `mailedSince` (an older mailed link
     * finds nothing, kept or not): one query on indexed hashes, whether the secret is known, wrong or another
     * organisation's.
     */
    async findByToken(organizationId: string, token: string, mailedSince: Date, trx?: Executor): Promise<TrustSubscription | null> {
      const tokenHash = hashToken(token);
      const row = await (trx ?? db)
        .selectFrom('trust_subscriptions')
        .select(columns)
        .where('organization_id', '=', organizationId)
        .where((eb) =>
          eb.or([
            eb('token_hash', '=', tokenHash),
            eb('id', 'in', eb.selectFrom('trust_subscription_links').select('subscription_id').where('token_hash', '=', tokenHash).where('created_at', '>=', toTimestamp(mailedSince))),
          ]),
        )
        .executeTakeFirst();
      return row ? toSubscription(row) : null;
    },

    /**
     * Deletes at most `limit` of the organisation's unsubscribe links mailed before `mailedBefore`; how many it
     * deleted.
     */
    async deleteLinksMailedBefore(organizationId: string, mailedBefore: Date, limit: number, trx?: Executor): Promise<number> {
      const result = await (trx ?? db)
        .deleteFrom('trust_subscription_links')
        .where('token_hash', 'in', (eb) =>
          eb
            .selectFrom('trust_subscription_links')
            .select('token_hash')
            .where('subscription_id', 'in', eb.selectFrom('trust_subscriptions').select('id').where('organization_id', '=', organizationId))
            .where('created_at', '<', toTimestamp(mailedBefore))
            .limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Moves a subscription from `from` to `to`; false when it is no longer in `from`. */
    async setStatus(id: string, from: SubscriptionStatus, to: SubscriptionStatus, trx?: Executor): Promise<boolean> {
      const at = now();
      const result = await (trx ?? db)
        .updateTable('trust_subscriptions')
        .set({ status: to, ...(to === 'active' ? { confirmed_at: at } : { unsubscribed_at: at }) })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** How many subscriptions the organisation keeps: the active ones and those pending since `pendingSince`. */
    async countLive(organizationId: string, pendingSince: Date, trx?: Executor): Promise<number> {
      const row = await (trx ?? db)
        .selectFrom('trust_subscriptions')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('organization_id', '=', organizationId)
        .where((eb) => eb.or([eb('status', '=', 'active'), eb.and([eb('status', '=', 'pending'), eb('created_at', '>=', toTimestamp(pendingSince))])]))
        .executeTakeFirst();
      return toCount(row?.count ?? 0);
    },

    /** Active subscribers by kind: what the admin sees. */
    async activeCounts(organizationId: string, trx?: Executor): Promise<Record<SubscriptionKind, number>> {
      const rows = await (trx ?? db)
        .selectFrom('trust_subscriptions')
        .select(['kind', (eb) => eb.fn.countAll().as('count')])
        .where('organization_id', '=', organizationId)
        .where('status', '=', 'active')
        .groupBy('kind')
        .execute();
      const counts: Record<SubscriptionKind, number> = { email: 0, webhook: 0 };
      for (const row of rows) counts[row.kind as SubscriptionKind] = toCount(row.count);
      return counts;
    },

    /** Every active subscription of the organisation, to notify. */
    async active(organizationId: string, trx?: Executor): Promise<SubscriptionTarget[]> {
      const rows = await (trx ?? db)
        .selectFrom('trust_subscriptions')
        .select(['id', 'kind', 'address', 'signing_secret'])
        .where('organization_id', '=', organizationId)
        .where('status', '=', 'active')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) =>
        r.kind === 'webhook' ? { id: r.id, kind: 'webhook', address: r.address, signingSecret: r.signing_secret } : { id: r.id, kind: 'email', address: r.address },
      );
    },
  };
}
