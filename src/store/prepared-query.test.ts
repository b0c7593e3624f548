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

    it('refuses a query that does not bind every argument as a value', async () => {
      const unbound = preparedQuery(1, (executor, _slug: string) => executor.selectFrom('organizations').select('slug'));
      await expect(unbound(store().db, 'acme')).rejects.toThrow(/argument 0 is not bound as a value/);
    });
  });
}
