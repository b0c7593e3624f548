import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildOrganization } from '../../test/support/factories.js';
import { preparedQuery } from './prepared-query.js';

const organizationsNamed = preparedQuery(2, (executor, slug: string, name: string) =>
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

    it('binds each call’s values where the placeholders stood, keeping the query’s own constants', async () => {
      await buildOrganization(store().db, { slug: 'acme', name: 'Acme' });
      await buildOrganization(store().db, { slug: 'globex', name: 'Globex' });
      await buildOrganization(store().db, { slug: 'never-a-slug', name: 'Initech' });
      expect(await organizationsNamed(store().db, 'acme', 'Globex')).toEqual([
        { slug: 'acme', name: 'Acme' },
        { slug: 'globex', name: 'Globex' },
        { slug: 'never-a-slug', name: 'Initech' },
      ]);
      expect(await organizationsNamed(store().db, 'nothing', 'Acme')).toEqual([
        { slug: 'acme', name: 'Acme' },
        { slug: 'never-a-slug', name: 'Initech' },
      ]);
      // Inside a transaction too, with the SQL compiled before.
      await store().db.transaction().execute(async (trx) => {
        expect(await organizationsNamed(trx, 'globex', 'none')).toEqual([
          { slug: 'globex', name: 'Globex' },
          { slug: 'never-a-slug', name: 'Initech' },
        ]);
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
      const read = organizationsNamed(store().db, 'pending', 'none').then((rows) => ({ rows, released }));
      // Turns of the event loop while the transaction stays open.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      released = true;
      release();
      await transaction;
      const { rows, released: answeredAfterRelease } = await read;
      const pending = { slug: 'pending', name: 'Pending' };
      if (!answeredAfterRelease) expect(rows).not.toContainEqual(pending);
      // SQLite has one connection: the read waits for the transaction, then sees what it committed.
      if (engine === 'sqlite') expect({ rows, answeredAfterRelease }).toEqual({ rows: [pending], answeredAfterRelease: true });
    });

    it('refuses a query that does not bind every argument as a value', async () => {
      const unbound = preparedQuery(1, (executor, _slug: string) => executor.selectFrom('organizations').select('slug'));
      await expect(unbound(store().db, 'acme')).rejects.toThrow(/argument 0 is not bound as a value/);
    });
  });
}
