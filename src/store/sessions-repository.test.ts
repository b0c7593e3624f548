import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildEngagement, buildOrganization, buildUser } from '../../test/support/factories.js';
import { createMembershipsRepository } from './memberships-repository.js';
import { createSessionsRepository } from './sessions-repository.js';
import { hashToken } from './token-hash.js';
import { createUsersRepository } from './users-repository.js';
import { createEngagementsRepository } from './engagements-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: sessions repository`, () => {
    const store = useFreshStore(engine);
    let now = new Date('2026-03-01T09:00:00.000Z');
    const clock = () => now;
    const hour = 3_600_000;

    it('keeps only the token’s hash and finds an active session by its token', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const sessions = createSessionsRepository(store().db, { clock });
      const user = await buildUser(store().db);
      const created = await sessions.create({
        token: 'tok-abc',
        userId: user.id,
        expiresAt: new Date(now.getTime() + hour),
        csrfSecret: 'csrf',
      });
      expect(created).toEqual({
        id: hashToken('tok-abc'),
        userId: user.id,
        createdAt: '2026-03-01T09:00:00.000Z',
        expiresAt: '2026-03-01T10:00:00.000Z',
        csrfSecret: 'csrf',
      });
      expect(created.id).toMatch(/^[0-9a-f]{64}$/);
      const stored = await store().db.selectFrom('sessions').select('id').execute();
      expect(JSON.stringify(stored)).not.toContain('tok-abc');
      expect(await sessions.findActive('tok-abc')).toEqual({ ...created, email: user.email });
      expect(await sessions.findActive(created.id)).toBeNull();
    });

    it('reads the person’s role in the organisation a request names with the session, and nothing for a deactivated account', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const sessions = createSessionsRepository(store().db, { clock });
      const user = await buildUser(store().db);
      const member = await buildOrganization(store().db);
      const other = await buildOrganization(store().db);
      await createMembershipsRepository(store().db).add({ organizationId: member.id, userId: user.id, role: 'auditor' });
      await sessions.create({ token: 'tok', userId: user.id, expiresAt: new Date(now.getTime() + hour), csrfSecret: 's' });
      expect(await sessions.findActive('tok', member.id)).toMatchObject({ userId: user.id, email: user.email, role: 'auditor' });
      expect(await sessions.findActive('tok', other.id)).toMatchObject({ userId: user.id, role: null });
      expect(await sessions.findActive('tok', 'no-such-organisation')).toMatchObject({ userId: user.id, role: null });
      expect(await sessions.findActive('tok')).not.toHaveProperty('role');
      await createMembershipsRepository(store().db).remove(member.id, user.id);
      expect(await sessions.findActive('tok', member.id)).toMatchObject({ role: null });
      await createUsersRepository(store().db).setDeactivatedAt(user.id, now);
      expect(await sessions.findActive('tok', member.id)).toBeNull();
      expect(await sessions.findActive('tok')).toBeNull();
    });

    it('reads the examination key of the engagement a request names with the session and the role', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const sessions = createSessionsRepository(store().db, { clock });
      const user = await buildUser(store().db);
      const member = await buildOrganization(store().db);
      const engagement = await buildEngagement(store().db, { organizationId: member.id });
      await createMembershipsRepository(store().db).add({ organizationId: member.id, userId: user.id, role: 'viewer' });
      await sessions.create({ token: 'tok', userId: user.id, expiresAt: new Date(now.getTime() + hour), csrfSecret: 's' });
      const key = await createEngagementsRepository(store().db).examinationKey(engagement.id);
      expect(key).not.toBeNull();
      expect(await sessions.findActive('tok', member.id, engagement.id)).toMatchObject({ role: 'viewer', engagement: { engagementId: engagement.id, key } });
      expect((await sessions.findActive('tok', member.id, 'no-such-engagement'))?.engagement).toEqual({ engagementId: 'no-such-engagement', key: null });
      expect(await sessions.findActive('tok', member.id)).not.toHaveProperty('engagement');
      expect(await sessions.findActive('other', member.id, engagement.id)).toBeNull();
    });

    it('does not find an expired session, and extends or removes sessions', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const sessions = createSessionsRepository(store().db, { clock });
      const user = await buildUser(store().db);
      await sessions.create({ token: 'a', userId: user.id, expiresAt: new Date(now.getTime() + hour), csrfSecret: 's' });
      await sessions.create({ token: 'b', userId: user.id, expiresAt: new Date(now.getTime() + 2 * hour), csrfSecret: 's' });

      now = new Date(now.getTime() + hour);
      expect(await sessions.findActive('a')).toBeNull();
      expect(await sessions.findActive('b')).not.toBeNull();
      expect(await sessions.extend('b', new Date(now.getTime() + 8 * hour))).toBe(true);
      expect((await sessions.findActive('b'))?.expiresAt).toBe('2026-03-01T18:00:00.000Z');

      expect(await sessions.removeExpired()).toBe(1);
      expect(await sessions.remove('b')).toBe(true);
      expect(await sessions.remove('b')).toBe(false);
    });

    it('signs a user out everywhere', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const sessions = createSessionsRepository(store().db, { clock });
      const user = await buildUser(store().db);
      const other = await buildUser(store().db);
      for (const token of ['x', 'y']) {
        await sessions.create({ token, userId: user.id, expiresAt: new Date(now.getTime() + hour), csrfSecret: 's' });
      }
      await sessions.create({ token: 'z', userId: other.id, expiresAt: new Date(now.getTime() + hour), csrfSecret: 's' });
      expect(await sessions.removeForUser(user.id)).toBe(2);
      expect(await sessions.findActive('z')).not.toBeNull();
    });

    it('signs a user out everywhere else, keeping one session', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const sessions = createSessionsRepository(store().db, { clock });
      const user = await buildUser(store().db);
      const other = await buildUser(store().db);
      for (const token of ['here', 'phone', 'laptop']) {
        await sessions.create({ token, userId: user.id, expiresAt: new Date(now.getTime() + hour), csrfSecret: 's' });
      }
      await sessions.create({ token: 'theirs', userId: other.id, expiresAt: new Date(now.getTime() + hour), csrfSecret: 's' });
      expect(await sessions.removeOthers(user.id, 'here')).toBe(2);
      expect(await sessions.findActive('here')).not.toBeNull();
      expect(await sessions.findActive('phone')).toBeNull();
      expect(await sessions.findActive('theirs')).not.toBeNull();
    });
  });
}
