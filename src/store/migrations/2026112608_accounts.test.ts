import { describe, expect, it } from 'vitest';
import { ENGINES, freshStore, skipEngine } from '../../../test/support/engines.js';
import { createMigrator } from '../database.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: migration 2026112608_accounts`, () => {
    it('leaves existing people active and without instance administration, and goes back down', async () => {
      const store = await freshStore(engine, { migrated: false });
      try {
        const { db } = store;
        expect((await createMigrator(db).migrateTo('2026112607_audit_subject_index')).error).toBeUndefined();
        await db.insertInto('users').values({ id: 'u', email: 'ada@acme.example', password_hash: 'h', display_name: 'Ada', created_at: '2026-01-01T00:00:00.000Z' }).execute();

        expect((await createMigrator(db).migrateTo('2026112608_accounts')).error).toBeUndefined();
        expect(await db.selectFrom('users').select(['instance_admin', 'deactivated_at']).executeTakeFirst()).toEqual({ instance_admin: 0, deactivated_at: null });
        await expect(db.updateTable('users').set({ instance_admin: 2 }).execute()).rejects.toThrow();

        expect((await createMigrator(db).migrateTo('2026112607_audit_subject_index')).error).toBeUndefined();
        expect(await db.selectFrom('users').select(['id', 'email']).execute()).toEqual([{ id: 'u', email: 'ada@acme.example' }]);
      } finally {
        await store.close();
      }
    });
  });
}
