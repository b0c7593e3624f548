import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildOrganization } from '../../test/support/factories.js';
import { createTrustSubscriptionsRepository } from './trust-subscriptions-repository.js';

const MAILED = new Date('2026-01-10T09:00:00.000Z');
const LATER = new Date('2026-06-10T09:00:00.000Z');

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: trust subscriptions repository`, () => {
    const store = useFreshStore(engine);

    /** The repository on a clock `at` sets, and an active e-mail subscription of a new organisation. */
    async function subscribed(address = 'bea@customer.example') {
      let now = MAILED;
      const subscriptions = createTrustSubscriptionsRepository(store().db, { clock: () => now, newId: randomUUID });
      const { id: organizationId } = await buildOrganization(store().db);
      const subscription = await subscriptions.add({ organizationId, kind: 'email', address, status: 'active', token: `own-${organizationId}`, signingSecret: null });
      return { subscriptions, organizationId, subscription, at: (date: Date) => (now = date) };
    }

    const links = async () => (await store().db.selectFrom('trust_subscription_links').select(['subscription_id', 'created_at']).orderBy('created_at').execute()).map((r) => [r.subscription_id, r.created_at]);

    it('finds a mailed link only when it was mailed since the time given, and the subscription by its own secret whenever', async () => {
      const { subscriptions, organizationId, subscription } = await subscribed();
      await subscriptions.addLinks([{ subscriptionId: subscription.id, token: 'mailed' }]);
      expect(await subscriptions.findByToken(organizationId, 'mailed', MAILED)).toEqual(subscription);
      expect(await subscriptions.findByToken(organizationId, 'mailed', new Date(MAILED.getTime() + 1))).toBeNull();
      expect(await subscriptions.findByToken(organizationId, `own-${organizationId}`, LATER)).toEqual(subscription);
    });

    it("deletes at most the number asked of the organisation's links mailed before the time, never a newer one or another organisation's", async () => {
      const ours = await subscribed();
      const theirs = await subscribed('cy@customer.example');
      await ours.subscriptions.addLinks(['a', 'b', 'c', 'd', 'e'].map((token) => ({ subscriptionId: ours.subscription.id, token })));
      await theirs.subscriptions.addLinks(['f', 'g'].map((token) => ({ subscriptionId: theirs.subscription.id, token })));
      ours.at(LATER);
      await ours.subscriptions.addLinks(['h', 'i'].map((token) => ({ subscriptionId: ours.subscription.id, token })));

      expect(await ours.subscriptions.deleteLinksMailedBefore(ours.organizationId, LATER, 3)).toBe(3);
      expect(await ours.subscriptions.deleteLinksMailedBefore(ours.organizationId, LATER, 3)).toBe(2);
      expect(await ours.subscriptions.deleteLinksMailedBefore(ours.organizationId, LATER, 3)).toBe(0);
      expect(await links()).toEqual([
        [theirs.subscription.id, MAILED.toISOString()],
        [theirs.subscription.id, MAILED.toISOString()],
        [ours.subscription.id, LATER.toISOString()],
        [ours.subscription.id, LATER.toISOString()],
      ]);
      expect(await ours.subscriptions.findByToken(ours.organizationId, 'h', MAILED)).toEqual(ours.subscription);
      expect(await ours.subscriptions.findByToken(ours.organizationId, 'a', MAILED)).toBeNull();
    });
  });
}
