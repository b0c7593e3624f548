import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError } from '../../domain/index.js';
import { accountsWorld, PASSWORD, tokenActor } from '../testing.js';
import { OPERATOR } from '../platform/actor.js';
import { createServices } from '../index.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: users service`, () => {
    const store = useFreshStore(engine);

    it('creates the first admin once, admin of every organisation there is', async () => {
      const services = createServices(store());
      expect(await services.users.hasUsers(OPERATOR)).toBe(false);
      const org = await services.organizations.create(OPERATOR, { slug: 'acme', name: 'Acme' });
      const first = await services.users.createFirstAdmin(OPERATOR, { email: 'admin@localhost', password: PASSWORD });
      expect(first).toMatchObject({ user: { email: 'admin@localhost', instanceAdmin: true }, organizations: [{ slug: 'acme' }] });
      expect(await services.users.hasUsers(OPERATOR)).toBe(true);
      expect(await services.access.grantIn({ kind: 'user', userId: first!.user.id, email: 'admin@localhost' }, org.id)).toBe('admin');
      expect(await services.users.createFirstAdmin(OPERATOR, { email: 'second@localhost', password: PASSWORD })).toBeNull();
      await expect(services.users.createFirstAdmin({ kind: 'user', userId: first!.user.id, email: 'x' }, { email: 'y@x', password: PASSWORD })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(services.auth.login('admin@localhost', PASSWORD)).resolves.toMatchObject({ user: { email: 'admin@localhost' } });
    });

    it('adds a person, creating the account only when there is none', async () => {
      const services = createServices(store());
      const a = await services.organizations.create(OPERATOR, { slug: 'a-org', name: 'A' });
      const b = await services.organizations.create(OPERATOR, { slug: 'b-org', name: 'B' });
      const added = await services.users.add(OPERATOR, a.id, { email: 'Ann@Example.test', role: 'auditor', password: PASSWORD });
      expect(added).toMatchObject({ accountCreated: true, member: { email: 'ann@example.test', role: 'auditor', displayName: 'Ann@Example.test' } });
      const again = await services.users.add(OPERATOR, b.id, { email: 'ann@example.test', role: 'viewer', password: 'another password entirely' });
      expect(again).toMatchObject({ accountCreated: false, member: { role: 'viewer' } });
      await expect(services.auth.login('ann@example.test', PASSWORD)).resolves.toBeTruthy();
      await expect(services.users.add(OPERATOR, b.id, { email: 'ann@example.test', role: 'viewer', password: PASSWORD })).rejects.toBeInstanceOf(ConflictError);
      expect(await services.users.ensureMember(OPERATOR, b.id, { email: 'ann@example.test', role: 'admin', password: PASSWORD })).toMatchObject({ added: false, member: { role: 'viewer' } });
    });

    it('deactivates a person: sign-in fails as for a wrong password, sessions and API tokens stop; reactivation gives them back', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('admin');
      const session = await w.services.auth.login(ann.email, PASSWORD);
      const { secret } = await w.services.tokens.create(ann, w.organizationId, { name: 'ci', role: 'viewer' });
      expect(await w.services.auth.fromApiToken(secret)).not.toBeNull();
      await expect(w.services.users.deactivate(ann, ann.email)).rejects.toBeInstanceOf(ForbiddenError);

      expect(await w.services.users.deactivate(OPERATOR, ann.email)).toMatchObject({ changed: true, sessionsEnded: 1, user: { deactivatedAt: '2026-03-01T09:00:00.000Z' } });
      expect(await w.services.auth.fromSession(session.token)).toBeNull();
      expect(await w.services.auth.fromApiToken(secret)).toBeNull();
      await expect(w.services.auth.login(ann.email, PASSWORD)).rejects.toThrow('The email or the password is not right');
      expect(await w.services.users.deactivate(OPERATOR, ann.email)).toMatchObject({ changed: false });

      expect(await w.services.users.reactivate(OPERATOR, ann.email)).toMatchObject({ changed: true, user: { deactivatedAt: null } });
      await expect(w.services.auth.login(ann.email, PASSWORD)).resolves.toBeTruthy();
      expect(await w.services.auth.fromApiToken(secret)).not.toBeNull();
      expect((await w.events('user.deactivated')).map((e) => e.actor)).toEqual(['operator:cli']);
    });

    it('grants instance administration, which lets a person create organisations', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      await expect(w.services.organizations.create(ann, { slug: 'anns-org', name: 'Ann’s' })).rejects.toThrow(/Only an instance administrator creates organisations/);
      expect(await w.services.users.setInstanceAdmin(OPERATOR, ann.email, true)).toMatchObject({ changed: true, user: { instanceAdmin: true } });
      await expect(w.services.organizations.create(ann, { slug: 'anns-org', name: 'Ann’s' })).resolves.toMatchObject({ role: 'admin' });
      await expect(w.services.users.setInstanceAdmin(ann, ann.email, false)).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('lets anyone signed in create an organisation when the instance allows sign-up, but never a token', async () => {
      const w = await accountsWorld(store(), { allowSignup: true });
      const ann = await w.person('viewer');
      await expect(w.services.organizations.create(ann, { slug: 'open-org', name: 'Open' })).resolves.toMatchObject({ role: 'admin' });
      // A taken slug says no more than that it is not available.
      await expect(w.services.organizations.create(ann, { slug: 'open-org', name: 'Again' })).rejects.toThrow('The slug "open-org" is not available; choose another');
      await expect(w.services.organizations.create(tokenActor(w.organizationId, 'admin'), { slug: 'x-org', name: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
    });
  });
}
