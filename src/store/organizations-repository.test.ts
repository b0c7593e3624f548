import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildEngagement, buildOrganization, testDependencies } from '../../test/support/factories.js';
import { createOrganizationsRepository } from './organizations-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: organizations repository`, () => {
    const store = useFreshStore(engine);

    it('creates an organisation with an injected id and time, and reads it back by id and slug', async () => {
      const organizations = createOrganizationsRepository(store().db, testDependencies());
      const created = await organizations.create({ slug: 'acme', name: 'Acme Cloud, Inc.' });
      expect(created).toEqual({
        id: '00000000-0000-4000-8000-000000000001',
        slug: 'acme',
        name: 'Acme Cloud, Inc.',
        createdAt: '2026-03-01T09:00:00.000Z',
        version: 1,
        locale: 'en-GB',
      });
      expect(await organizations.findById(created.id)).toEqual(created);
      expect(await organizations.findBySlug('acme')).toEqual(created);
      expect(await organizations.findById('missing')).toBeNull();
    });

    it('refuses a second organisation with the same slug', async () => {
      const organizations = createOrganizationsRepository(store().db);
      await organizations.create({ slug: 'acme', name: 'Acme' });
      await expect(organizations.create({ slug: 'acme', name: 'Other' })).rejects.toBeInstanceOf(ConflictError);
    });

    it('lists by name, a page at a time, with the total, and searches without case', async () => {
      const organizations = createOrganizationsRepository(store().db);
      for (const name of ['Delta', 'alpha', 'Charlie', 'Bravo', 'Echo 100%']) {
        await organizations.create({ slug: name.toLowerCase().replace(/\W/g, ''), name });
      }
      const first = await organizations.list({ limit: 2, offset: 0 });
      expect(first.total).toBe(5);
      expect(first.items).toHaveLength(2);
      const all = await organizations.list({ limit: 10, offset: 0 });
      const second = await organizations.list({ limit: 2, offset: 2 });
      expect(second.items).toEqual(all.items.slice(2, 4));
      expect((await organizations.list({ limit: 10, offset: 0, search: 'ALP' })).items.map((o) => o.name)).toEqual(['alpha']);
      // LIKE wildcards in the search text are literal.
      expect((await organizations.list({ limit: 10, offset: 0, search: '0%' })).items.map((o) => o.name)).toEqual(['Echo 100%']);
      expect((await organizations.list({ limit: 10, offset: 0, search: '_' })).total).toBe(0);
    });

    it('refuses a page that is not one', async () => {
      const organizations = createOrganizationsRepository(store().db);
      await expect(organizations.list({ limit: 0, offset: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(organizations.list({ limit: 10, offset: -1 })).rejects.toBeInstanceOf(ValidationError);
      await expect(organizations.list({ limit: 100_000, offset: 0 })).rejects.toBeInstanceOf(ValidationError);
    });

    it('updates at the expected version and bumps it; a stale version conflicts and changes nothing', async () => {
      const organizations = createOrganizationsRepository(store().db);
      const created = await buildOrganization(store().db, { slug: 'acme', name: 'Acme' });
      const renamed = await organizations.update(created.id, 1, { name: 'Acme Cloud' });
      expect(renamed).toMatchObject({ name: 'Acme Cloud', slug: 'acme', version: 2 });

      await expect(organizations.update(created.id, 1, { name: 'Lost update' })).rejects.toBeInstanceOf(ConflictError);
      expect(await organizations.findById(created.id)).toEqual(renamed);
      await expect(organizations.update('missing', 1, { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('keeps the locale its admin chose, and reads one written outside the app as the default', async () => {
      const organizations = createOrganizationsRepository(store().db);
      const created = await buildOrganization(store().db, { slug: 'acme', name: 'Acme' });
      expect(await organizations.update(created.id, 1, { locale: 'de-DE' })).toMatchObject({ locale: 'de-DE', name: 'Acme', version: 2 });
      expect((await organizations.findById(created.id))?.locale).toBe('de-DE');
      await store().db.updateTable('organizations').set({ locale: 'xx-YY' }).where('id', '=', created.id).execute();
      expect((await organizations.findById(created.id))?.locale).toBe('en-GB');
    });

    it('removes at the expected version, and not while engagements belong to it', async () => {
      const organizations = createOrganizationsRepository(store().db);
      const empty = await buildOrganization(store().db);
      await expect(organizations.remove(empty.id, 2)).rejects.toBeInstanceOf(ConflictError);
      await organizations.remove(empty.id, 1);
      expect(await organizations.findById(empty.id)).toBeNull();

      const engagement = await buildEngagement(store().db);
      await expect(organizations.remove(engagement.organizationId, 1)).rejects.toThrow(/still has engagements/);
      expect(await organizations.findById(engagement.organizationId)).not.toBeNull();
    });
  });
}
