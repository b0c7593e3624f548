import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError } from '../../domain/index.js';
import { accountsWorld } from '../testing.js';
import { OPERATOR } from '../platform/actor.js';

const ROUNDS = 10;

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: at least one admin`, () => {
    const store = useFreshStore(engine, { poolSize: 8 });

    /** An organisation with exactly two admins, each about to step the other down at once. */
    async function twoAdmins() {
      const w = await accountsWorld(store());
      const [ada, bea] = [await w.person('admin'), await w.person('admin')];
      const versionOf = async (userId: string) => (await w.services.members.list(OPERATOR, w.organizationId, { limit: 10, offset: 0 })).items.find((m) => m.userId === userId)!.version;
      return { w, ada, bea, versionOf };
    }
    const admins = async (w: Awaited<ReturnType<typeof accountsWorld>>) =>
      (await w.services.members.list(OPERATOR, w.organizationId, { limit: 10, offset: 0, role: 'admin' })).total;

    it('keeps one admin when two admins demote each other at once', async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const { w, ada, bea, versionOf } = await twoAdmins();
        const [adaVersion, beaVersion] = [await versionOf(ada.userId), await versionOf(bea.userId)];
        const outcomes = await Promise.allSettled([
          w.services.members.changeRole(ada, w.organizationId, bea.userId, beaVersion, 'viewer'),
          w.services.members.changeRole(bea, w.organizationId, ada.userId, adaVersion, 'viewer'),
        ]);
        expect(await admins(w)).toBe(1);
        const refused = outcomes.filter((o) => o.status === 'rejected');
        expect(refused).toHaveLength(1);
        // Both checks may pass before either commits (the lock then refuses one: a conflict), or one demotion may
        // commit before the other's permission check (that admin is a viewer by then: forbidden).
        const reason = (refused[0] as PromiseRejectedResult).reason;
        if (reason instanceof ForbiddenError) continue;
        expect(reason).toEqual(new ConflictError('The organisation needs at least one admin'));
      }
    });

    it('keeps one admin when two admins remove each other at once', async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const { w, ada, bea } = await twoAdmins();
        await Promise.allSettled([
          w.services.members.remove(ada, w.organizationId, bea.userId),
          w.services.members.remove(bea, w.organizationId, ada.userId),
        ]);
        expect(await admins(w)).toBe(1);
      }
    });

    it('refuses an admin removing themselves, and another admin may remove them', async () => {
      const { w, ada, bea } = await twoAdmins();
      await expect(w.services.members.remove(ada, w.organizationId, ada.userId)).rejects.toEqual(
        new ConflictError('You cannot remove yourself from the organisation; another admin can remove you'),
      );
      expect(await admins(w)).toBe(2);
      await w.services.members.remove(bea, w.organizationId, ada.userId);
      expect(await admins(w)).toBe(1);
    });
  });
}
