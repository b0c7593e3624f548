import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildOrganization, buildUser, sequentialIds } from '../../test/support/factories.js';
import { createInvitationsRepository } from './invitations-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: invitations repository`, () => {
    const store = useFreshStore(engine);
    let now = new Date('2026-03-01T09:00:00.000Z');
    const repository = () => createInvitationsRepository(store().db, { newId: sequentialIds(), clock: () => now });
    const week = new Date('2026-03-08T09:00:00.000Z');

    it('keeps the secret’s hash only, finds the invitation by its secret, and lists pending ones of the organisation', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const invitations = repository();
      const organization = await buildOrganization(store().db);
      const other = await buildOrganization(store().db);
      const created = await invitations.create({ organizationId: organization.id, email: ' Ann@Acme.example', role: 'auditor', token: 'invite-secret', invitedBy: 'user:ada@acme.example', expiresAt: week });
      expect(created).toEqual({
        id: '00000000-0000-4000-8000-000000000001',
        organizationId: organization.id,
        email: 'ann@acme.example',
        role: 'auditor',
        invitedBy: 'user:ada@acme.example',
        createdAt: '2026-03-01T09:00:00.000Z',
        expiresAt: '2026-03-08T09:00:00.000Z',
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
      });
      expect(JSON.stringify(await store().db.selectFrom('invitations').select('token_hash').execute())).not.toContain('invite-secret');
      expect(await invitations.findByToken('invite-secret')).toEqual(created);
      expect(await invitations.findByToken('wrong')).toBeNull();
      await invitations.create({ organizationId: other.id, email: 'bob@other.example', role: 'viewer', token: 'other', invitedBy: 'operator:cli', expiresAt: week });
      expect(await invitations.listPending(organization.id, { limit: 10, offset: 0 })).toEqual({ items: [created], total: 1 });
      expect((await invitations.listPending(organization.id, { limit: 10, offset: 0, email: 'ANN@acme.example' })).total).toBe(1);
      expect((await invitations.listPending(organization.id, { limit: 10, offset: 0, email: 'bob@other.example' })).total).toBe(0);
    });

    it('is accepted once, and not once revoked or expired', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const invitations = repository();
      const organization = await buildOrganization(store().db);
      const user = await buildUser(store().db);
      const invite = (token: string) => invitations.create({ organizationId: organization.id, email: 'ann@acme.example', role: 'viewer', token, invitedBy: 'operator:cli', expiresAt: week });
      const [once, revoked, expiring] = [await invite('a'), await invite('b'), await invite('c')];

      expect(await invitations.markAccepted(once.id, user.id)).toBe(true);
      expect(await invitations.markAccepted(once.id, user.id)).toBe(false);
      expect(await invitations.findById(once.id)).toMatchObject({ acceptedAt: '2026-03-01T09:00:00.000Z', acceptedBy: user.id });
      expect(await invitations.revoke(once.id)).toBe(false);

      expect(await invitations.revoke(revoked.id)).toBe(true);
      expect(await invitations.markAccepted(revoked.id, user.id)).toBe(false);

      now = week;
      expect(await invitations.markAccepted(expiring.id, user.id)).toBe(false);
      expect(await invitations.revoke(expiring.id)).toBe(false);
      expect((await invitations.listPending(organization.id, { limit: 10, offset: 0 })).total).toBe(0);
    });

    it('lets only one of two concurrent acceptances through', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const invitations = repository();
      const organization = await buildOrganization(store().db);
      const [ann, bob] = [await buildUser(store().db), await buildUser(store().db)];
      const created = await invitations.create({ organizationId: organization.id, email: 'ann@acme.example', role: 'viewer', token: 'race', invitedBy: 'operator:cli', expiresAt: week });
      const accepted = await Promise.all(
        [ann, bob].map((user) => store().db.transaction().execute((trx) => invitations.markAccepted(created.id, user.id, trx))),
      );
      expect(accepted.filter(Boolean)).toHaveLength(1);
    });
  });
}
