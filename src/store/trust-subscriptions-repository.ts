/**
 * Subscriptions to a trust page. The confirm/unsubscribe secret is kept only as its SHA-256 and `token_hash` is
 * never selected; the subscription's own secret (a webhook's signing key, an e-mail's link key) is read only to
 * notify (`active`). A change of status is a conditional
 * update, and every lookup by secret names the organisation, so another organisation's secret finds nothing.
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

/** An active subscription as a notification needs it: where to, and its secret (to sign, or to make a link). */
export interface SubscriptionTarget {
  id: string;
  kind: SubscriptionKind;
  address: string;
  secret: string;
}

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
      input: { organizationId: string; kind: SubscriptionKind; address: string; status: SubscriptionStatus; token: string; secret: string },
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
          secret: input.secret,
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
     * Gives a pending subscription new secrets (the link mailed before stops working); its `created_at` becomes
     * now, the time its latest confirm link was sent.
     */
    async renew(id: string, token: string, secret: string, trx?: Executor): Promise<void> {
      await (trx ?? db).updateTable('trust_subscriptions').set({ token_hash: hashToken(token), secret, created_at: now() }).where('id', '=', id).where('status', '=', 'pending').execute();
    },

    async findByToken(organizationId: string, token: string, trx?: Executor): Promise<TrustSubscription | null> {
      const row = await (trx ?? db)
        .selectFrom('trust_subscriptions')
        .select(columns)
        .where('organization_id', '=', organizationId)
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirst();
      return row ? toSubscription(row) : null;
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
        .select(['id', 'kind', 'address', 'secret'])
        .where('organization_id', '=', organizationId)
        .where('status', '=', 'active')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: r.id, kind: r.kind as SubscriptionKind, address: r.address, secret: r.secret }));
    },
  };
}
