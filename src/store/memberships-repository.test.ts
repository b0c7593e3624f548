import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildOrganization, buildUser } from '../../test/support/factories.js';
import { createMembershipsRepository } from './memberships-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: memberships repository`, () => {
    const store = useFreshStore(engine);

    it('adds a member in a role and finds the membership', async () => {
      const memberships = createMembershipsRepository(store().db);
      const organization = await buildOrganization(store().db);
      const user = await buildUser(store().db);
      const added = await memberships.add({ organizationId: organization.id, userId: user.id, role: 'auditor' });
      expect(added).toMatchObject({ organizationId: organization.id, userId: user.id, role: 'auditor', version: 1 });
      expect(await memberships.find(organization.id, user.id)).toEqual(added);
      expect(await memberships.find(organization.id, 'nobody')).toBeNull();
    });

    it('refuses a second membership of the same user, and a membership of nobody', async () => {
      const memberships = createMembershipsRepository(store().db);
      const organization = await buildOrganization(store().db);
      const user = await buildUser(store().db);
      await memberships.add({ organizationId: organization.id, userId: user.id, role: 'viewer' });
      await expect(
        memberships.add({ organizationId: organization.id, userId: user.id, role: 'admin' }),
      ).rejects.toBeInstanceOf(ConflictError);
      await expect(
        memberships.add({ organizationId: organization.id, userId: 'nobody', role: 'admin' }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists an organisation’s members with their names, filtered by role and paged', async () => {
      const memberships = createMembershipsRepository(store().db);
      const organization = await buildOrganization(store().db);
      const other = await buildOrganization(store().db);
      const roles = ['admin', 'owner', 'owner', 'auditor'] as const;
      for (const [i, role] of roles.entries()) {
        const user = await buildUser(store().db, { email: `m${i}@example.test` });
        await memberships.add({ organizationId: organization.id, userId: user.id, role });
        if (i === 0) await memberships.add({ organizationId: other.id, userId: user.id, role: 'viewer' });
      }
      const all = await memberships.listMembers(organization.id, { limit: 10, offset: 0 });
      expect(all.total).toBe(4);
      expect(all.items.map((m) => m.email)).toEqual(['m0@example.test', 'm1@example.test', 'm2@example.test', 'm3@example.test']);
      expect(all.items[0]).toMatchObject({ role: 'admin', displayName: expect.any(String) });
      const owners = await memberships.listMembers(organization.id, { limit: 1, offset: 1, role: 'owner' });
      expect(owners).toMatchObject({ total: 2, items: [{ email: 'm2@example.test' }] });

      const first = all.items[0];
      expect((await memberships.listForUser(first?.userId ?? '')).map((m) => m.organizationId).sort()).toEqual(
        [organization.id, other.id].sort(),
      );
    });

    it("tells which emails are the organisation's members, ignoring case and space, never another organisation's", async () => {
      const memberships = createMembershipsRepository(store().db);
      const organization = await buildOrganization(store().db);
      const other = await buildOrganization(store().db);
      const member = await buildUser(store().db, { email: 'ops@example.test' });
      const elsewhere = await buildUser(store().db, { email: 'elsewhere@example.test' });
      await memberships.add({ organizationId: organization.id, userId: member.id, role: 'owner' });
      await memberships.add({ organizationId: other.id, userId: elsewhere.id, role: 'owner' });
      const found = await memberships.memberEmails(organization.id, [' OPS@example.test', 'elsewhere@example.test', 'not-an-email']);
      expect([...found]).toEqual(['ops@example.test']);
      expect(await memberships.memberEmails(organization.id, [])).toEqual(new Set());
    });

    it('changes a role at the expected version; a stale version changes nothing', async () => {
      const memberships = createMembershipsRepository(store().db);
      const organization = await buildOrganization(store().db);
      const user = await buildUser(store().db);
      await memberships.add({ organizationId: organization.id, userId: user.id, role: 'viewer' });
      const promoted = await memberships.changeRole(organization.id, user.id, 1, 'compliance');
      expect(promoted).toMatchObject({ role: 'compliance', version: 2 });
      await expect(memberships.changeRole(organization.id, user.id, 1, 'admin')).rejects.toBeInstanceOf(ConflictError);
      expect(await memberships.find(organization.id, user.id)).toEqual(promoted);
      await expect(memberships.changeRole(organization.id, 'nobody', 1, 'admin')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('removes a membership', async () => {
      const memberships = createMembershipsRepository(store().db);
      const organization = await buildOrganization(store().db);
      const user = await buildUser(store().db);
      await memberships.add({ organizationId: organization.id, userId: user.id, role: 'viewer' });
      await memberships.remove(organization.id, user.id);
      expect(await memberships.find(organization.id, user.id)).toBeNull();
      await expect(memberships.remove(organization.id, user.id)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
