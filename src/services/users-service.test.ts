import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { ConflictError, ForbiddenError } from '../domain/index.js';
import { OPERATOR } from './actor.js';
import { createServices } from './index.js';

const PASSWORD = 'correct horse battery staple';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: users service`, () => {
    const store = useFreshStore(engine);

    it('creates the first admin once, admin of every organisation there is', async () => {
      const services = createServices(store());
      expect(await services.users.hasUsers(OPERATOR)).toBe(false);
      const org = await services.organizations.create(OPERATOR, { slug: 'acme', name: 'Acme' });
      const first = await services.users.createFirstAdmin(OPERATOR, { email: 'admin@localhost', password: PASSWORD });
      expect(first).toMatchObject({ user: { email: 'admin@localhost' }, organizations: [{ slug: 'acme' }] });
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
  });
}
