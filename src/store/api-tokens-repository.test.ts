import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../domain/errors.js';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildEngagement, buildOrganization, buildUser, sequentialIds } from '../../test/support/factories.js';
import { createApiTokensRepository } from './api-tokens-repository.js';
import { createUsersRepository } from './users-repository.js';
import { createMembershipsRepository } from './memberships-repository.js';
import { bumpRevision, createEngagementsRepository } from './engagements-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: API tokens repository`, () => {
    const store = useFreshStore(engine);
    let now = new Date('2026-03-01T09:00:00.000Z');
    const deps = () => ({ newId: sequentialIds(), clock: () => now });

    /** An organisation and a member of it (an admin) who creates the tokens. */
    async function parents() {
      const organization = await buildOrganization(store().db);
      const user = await buildUser(store().db);
      await createMembershipsRepository(store().db).add({ organizationId: organization.id, userId: user.id, role: 'admin' });
      return { organizationId: organization.id, createdBy: user.id, email: user.email };
    }

    it('stores a token’s hash only and authenticates with the token while it is active', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const tokens = createApiTokensRepository(store().db, deps());
      const { email, ...p } = await parents();
      const created = await tokens.create({ ...p, name: 'CI', token: 'assay_secret', role: 'compliance', expiresAt: null });
      expect(created).toEqual({
        id: '00000000-0000-4000-8000-000000000001',
        ...p,
        name: 'CI',
        role: 'compliance',
        createdAt: '2026-03-01T09:00:00.000Z',
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: null,
      });
      expect(JSON.stringify(await store().db.selectFrom('api_tokens').select('token_hash').execute())).not.toContain(
        'assay_secret',
      );
      const { id, organizationId, name, role, createdBy } = created;
      expect(await tokens.findActive('assay_secret')).toEqual({ id, organizationId, name, role, createdBy, creatorEmail: email, creatorRole: 'admin' });
      expect(await tokens.findActive('wrong')).toBeNull();

      now = new Date('2026-03-02T10:00:00.000Z');
      await tokens.markUsed(created.id);
      expect((await tokens.findById(created.id))?.lastUsedAt).toBe('2026-03-02T10:00:00.000Z');
    });

    it('reads the examination key of the engagement a request names in the same lookup, whichever organisation it is in', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const tokens = createApiTokensRepository(store().db, deps());
      const engagements = createEngagementsRepository(store().db);
      const p = await parents();
      await tokens.create({ ...p, name: 'CI', token: 'assay_keyed', role: 'viewer', expiresAt: null });
      const own = await buildEngagement(store().db, { organizationId: p.organizationId });
      const foreign = await buildEngagement(store().db);
      await bumpRevision(store().db, { engagementId: own.id });
      for (const engagement of [own, foreign]) {
        const key = await engagements.examinationKey(engagement.id);
        expect(key).toMatchObject({ organizationId: engagement.organizationId });
        expect((await tokens.findActive('assay_keyed', engagement.id))?.engagement).toEqual({ engagementId: engagement.id, key });
      }
      expect((await tokens.findActive('assay_keyed', own.id))?.engagement?.key?.revision).toBe(own.revision + 1);
      expect((await tokens.findActive('assay_keyed', 'no-such-engagement'))?.engagement).toEqual({ engagementId: 'no-such-engagement', key: null });
      expect(await tokens.findActive('assay_keyed')).not.toHaveProperty('engagement');
      expect(await tokens.findActive('wrong', own.id)).toBeNull();
    });

    it('stops authenticating an expired or revoked token', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const tokens = createApiTokensRepository(store().db, deps());
      const p = await parents();
      await tokens.create({ ...p, name: 'short', token: 't1', role: 'viewer', expiresAt: new Date('2026-03-01T12:00:00.000Z') });
      const revocable = await tokens.create({ ...p, name: 'long', token: 't2', role: 'viewer', expiresAt: null });

      now = new Date('2026-03-01T12:00:00.000Z');
      expect(await tokens.findActive('t1')).toBeNull();

      const revoked = await tokens.revoke(revocable.id);
      expect(revoked?.revokedAt).toBe('2026-03-01T12:00:00.000Z');
      expect(await tokens.findActive('t2')).toBeNull();
      now = new Date('2026-03-05T00:00:00.000Z');
      expect((await tokens.revoke(revocable.id))?.revokedAt).toBe('2026-03-01T12:00:00.000Z');
      expect(await tokens.revoke('missing')).toBeNull();
    });

    it('stops authenticating the tokens of a deactivated creator, and again after reactivation', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const tokens = createApiTokensRepository(store().db, deps());
      const users = createUsersRepository(store().db);
      const p = await parents();
      const created = await tokens.create({ ...p, name: 'CI', token: 'assay_of_a_leaver', role: 'viewer', expiresAt: null });
      await users.setDeactivatedAt(p.createdBy, now);
      expect(await tokens.findActive('assay_of_a_leaver')).toBeNull();
      await users.setDeactivatedAt(p.createdBy, null);
      expect(await tokens.findActive('assay_of_a_leaver')).toMatchObject({ id: created.id });
    });

    it('authenticates a token with its creator’s role today, and not at all once the creator has left', async () => {
      const tokens = createApiTokensRepository(store().db, deps());
      const memberships = createMembershipsRepository(store().db);
      const p = await parents();
      await tokens.create({ ...p, name: 'CI', token: 'assay_ci', role: 'admin', expiresAt: null });
      const { version } = (await memberships.find(p.organizationId, p.createdBy)) as { version: number };
      await memberships.changeRole(p.organizationId, p.createdBy, version, 'auditor');
      expect(await tokens.findActive('assay_ci')).toMatchObject({ role: 'admin', creatorRole: 'auditor' });
      await memberships.remove(p.organizationId, p.createdBy);
      expect(await tokens.findActive('assay_ci')).toBeNull();
    });

    it('lists an organisation’s tokens newest first, without revoked ones unless asked', async () => {
      const tokens = createApiTokensRepository(store().db, deps());
      const p = await parents();
      const other = await parents();
      for (const [i, name] of ['a', 'b', 'c'].entries()) {
        now = new Date(Date.UTC(2026, 2, 1 + i));
        await tokens.create({ ...p, name, token: `tok-${name}`, role: 'viewer', expiresAt: null });
      }
      await tokens.create({ ...other, name: 'elsewhere', token: 'tok-x', role: 'viewer', expiresAt: null });
      const b = (await tokens.list(p.organizationId, { limit: 10, offset: 0 })).items.find((t) => t.name === 'b');
      await tokens.revoke(b?.id ?? '');

      const active = await tokens.list(p.organizationId, { limit: 10, offset: 0 });
      expect(active.items.map((t) => t.name)).toEqual(['c', 'a']);
      expect(active.total).toBe(2);
      const all = await tokens.list(p.organizationId, { limit: 1, offset: 1, includeRevoked: true });
      expect(all).toMatchObject({ total: 3, items: [{ name: 'b' }] });
    });

    it('refuses a token of an unknown organisation', async () => {
      const tokens = createApiTokensRepository(store().db);
      const p = await parents();
      await expect(
        tokens.create({ ...p, organizationId: 'nope', name: 'x', token: 'x', role: 'viewer', expiresAt: null }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
