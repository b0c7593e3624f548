import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildOrganization } from '../../test/support/factories.js';
import { migrateToLatest } from './database.js';
import { createInstanceRepository } from './instance-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: what a database holds, as the demo judges it`, () => {
    const store = useFreshStore(engine, { migrated: false });

    it('is empty before and after the migrations, the demo once marked, and other with any row elsewhere', async () => {
      const { db } = store();
      const instance = createInstanceRepository(db);
      expect(await instance.standing()).toEqual({ kind: 'empty' });
      await migrateToLatest(db);
      expect(await instance.standing()).toEqual({ kind: 'empty' });
      await instance.markDemo();
      await instance.markDemo();
      expect(await instance.standing()).toEqual({ kind: 'demo' });
      await db.deleteFrom('instance_settings').execute();
      await buildOrganization(db);
      expect(await instance.standing()).toEqual({ kind: 'other', table: 'organizations' });
    });

    it('sees rows in a table Assay did not make, in a database it never migrated', async () => {
      const { db } = store();
      await sql`create table invoices (id integer primary key)`.execute(db);
      const instance = createInstanceRepository(db);
      expect(await instance.standing()).toEqual({ kind: 'empty' });
      await sql`insert into invoices (id) values (1)`.execute(db);
      expect(await instance.standing()).toEqual({ kind: 'other', table: 'invoices' });
    });
  });
}
