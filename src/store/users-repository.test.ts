import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { testDependencies } from '../../test/support/factories.js';
import { createUsersRepository } from './users-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: users repository`, () => {
    const store = useFreshStore(engine);
    const input = { email: ' Ada@Example.TEST ', passwordHash: '$argon2id$secret', displayName: 'Ada Lovelace' };

    it('creates a user with a normalised email and never returns the password hash', async () => {
      const users = createUsersRepository(store().db, testDependencies());
      const created = await users.create(input);
      expect(created).toEqual({
        id: '00000000-0000-4000-8000-000000000001',
        email: 'ada@example.test',
        displayName: 'Ada Lovelace',
        createdAt: '2026-03-01T09:00:00.000Z',
        version: 1,
        instanceAdmin: false,
        deactivatedAt: null,
      });
      expect(await users.findById(created.id)).toEqual(created);
      expect(await users.findByEmail('ADA@example.test')).toEqual(created);
      expect(JSON.stringify(await users.list({ limit: 10, offset: 0 }))).not.toContain('secret');
    });

    it('gives the password hash only to the login check', async () => {
      const users = createUsersRepository(store().db);
      const created = await users.create(input);
      expect(await users.findCredentials('ada@EXAMPLE.test')).toEqual({ userId: created.id, passwordHash: '$argon2id$secret', active: true });
      expect(await users.findCredentialsById(created.id)).toEqual({ userId: created.id, passwordHash: '$argon2id$secret', active: true });
      expect(await users.findCredentials('nobody@example.test')).toBeNull();
    });

    it('grants instance administration, deactivates and reactivates, each a new version', async () => {
      const users = createUsersRepository(store().db);
      const created = await users.create({ ...input, instanceAdmin: true });
      expect(created.instanceAdmin).toBe(true);
      expect(await users.setInstanceAdmin(created.id, false)).toMatchObject({ instanceAdmin: false, version: 2 });
      const deactivated = await users.setDeactivatedAt(created.id, new Date('2026-03-02T10:00:00.000Z'));
      expect(deactivated).toMatchObject({ deactivatedAt: '2026-03-02T10:00:00.000Z', version: 3 });
      expect(await users.findCredentials(input.email)).toMatchObject({ active: false });
      expect(await users.setDeactivatedAt(created.id, null)).toMatchObject({ deactivatedAt: null, version: 4 });
      expect(await users.setInstanceAdmin('missing', true)).toBeNull();
    });

    it('refuses a second user with the same email in another case', async () => {
      const users = createUsersRepository(store().db);
      await users.create(input);
      await expect(users.create({ ...input, email: 'ADA@example.test' })).rejects.toBeInstanceOf(ConflictError);
    });

    it('lists and searches users a page at a time', async () => {
      const users = createUsersRepository(store().db);
      for (const name of ['carol', 'alice', 'bob']) {
        await users.create({ email: `${name}@example.test`, passwordHash: 'h', displayName: name.toUpperCase() });
      }
      const page = await users.list({ limit: 2, offset: 1 });
      expect(page.total).toBe(3);
      expect(page.items.map((u) => u.email)).toEqual(['bob@example.test', 'carol@example.test']);
      expect((await users.list({ limit: 10, offset: 0, search: 'Ali' })).items.map((u) => u.displayName)).toEqual(['ALICE']);
    });

    it('updates and changes the password at the expected version; a stale version changes nothing', async () => {
      const users = createUsersRepository(store().db);
      const created = await users.create(input);
      const renamed = await users.update(created.id, 1, { displayName: 'Countess of Lovelace' });
      expect(renamed.version).toBe(2);
      await expect(users.setPasswordHash(created.id, 1, 'stale')).rejects.toBeInstanceOf(ConflictError);
      expect(await users.findCredentials(input.email)).toMatchObject({ passwordHash: '$argon2id$secret' });
      const changed = await users.setPasswordHash(created.id, 2, '$argon2id$new');
      expect(changed.version).toBe(3);
      expect(await users.findCredentials(input.email)).toMatchObject({ passwordHash: '$argon2id$new' });
      await expect(users.update('missing', 1, { displayName: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses to change an email to one already taken', async () => {
      const users = createUsersRepository(store().db);
      await users.create(input);
      const other = await users.create({ ...input, email: 'grace@example.test' });
      await expect(users.update(other.id, 1, { email: 'ada@example.test' })).rejects.toBeInstanceOf(ConflictError);
      expect((await users.findById(other.id))?.email).toBe('grace@example.test');
    });
  });
}
