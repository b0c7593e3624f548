import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildOrganization } from '../../test/support/factories.js';
import { preparedLookup } from './prepared-query.js';

const organizationNamed = preparedLookup(2, (executor, slug: string, name: string | null) =>
  executor
    .selectFrom('organizations')
    .select(['slug', 'name'])
    // A constant of the query's own between the two arguments, bound out of their order.
    .where((eb) => eb.or([eb('name', '=', name), eb('slug', '=', 'never-a-slug'), eb('slug', '=', slug)]))
    .orderBy('slug'),
);

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: prepared queries`, () => {
    const store = useFreshStore(engine);

    it('binds each call’s values where the placeholders stood, keeping the query’s own constants, and gives the first row', async () => {
      await buildOrganization(store().db, { slug: 'acme', name: 'Acme' });
      await buildOrganization(store().db, { slug: 'globex', name: 'Globex' });
      expect(await organizationNamed(store().db, 'nothing', 'Globex')).toEqual({ slug: 'globex', name: 'Globex' });
      expect(await organizationNamed(store().db, 'acme', 'Globex')).toEqual({ slug: 'acme', name: 'Acme' });
      expect(await organizationNamed(store().db, 'nothing', 'Initech')).toBeUndefined();
      // A null argument is bound as null, which equals nothing.
      expect(await organizationNamed(store().db, 'globex', null)).toEqual({ slug: 'globex', name: 'Globex' });
      expect(await organizationNamed(store().db, 'nothing', null)).toBeUndefined();
      await buildOrganization(store().db, { slug: 'never-a-slug', name: 'Initech' });
      expect(await organizationNamed(store().db, 'nothing', 'Acme')).toEqual({ slug: 'acme', name: 'Acme' });
      expect(await organizationNamed(store().db, 'nothing', null)).toEqual({ slug: 'never-a-slug', name: 'Initech' });
      // Inside a transaction too, with the SQL compiled before.
      await store().db.transaction().execute(async (trx) => {
        expect(await organizationNamed(trx, 'globex', 'none')).toEqual({ slug: 'globex', name: 'Globex' });
      });
    });

    it('never reads what a transaction in progress has not committed (SQLite: it waits for the commit)', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
      const transaction = store().db.transaction().execute(async (trx) => {
        await buildOrganization(trx, { slug: 'pending', name: 'Pending' });
        inserted();
        await held;
      });
      await insertedYet;
      let released = false;
      const read = organizationNamed(store().db, 'pending', 'none').then((row) => ({ row, released }));
      // Turns of the event loop while the transaction stays open.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      released = true;
      release();
      await transaction;
      const { row, released: answeredAfterRelease } = await read;
      const pending = { slug: 'pending', name: 'Pending' };
      if (!answeredAfterRelease) expect(row).toBeUndefined();
      // SQLite has one connection: the read waits for the transaction, then sees what it committed.
      if (engine === 'sqlite') expect({ row, answeredAfterRelease }).toEqual({ row: pending, answeredAfterRelease: true });
    });

    it('refuses a query that does not bind every argument as a value', async () => {
      const unbound = preparedLookup(1, (executor, _slug: string) => executor.selectFrom('organizations').select('slug'));
      await expect(unbound(store().db, 'acme')).rejects.toThrow(/argument 0 is not bound as a value/);
    });
  });
}
