import { expect } from 'vitest';
import { testMigration } from '../../../test/support/migrations.js';

testMigration('2026112608_accounts', 'leaves existing people active and without instance administration, and goes back down', async ({ db, migrateTo }) => {
  await migrateTo('2026112607_audit_subject_index');
  await db.insertInto('users').values({ id: 'u', email: 'ada@acme.example', password_hash: 'h', display_name: 'Ada', created_at: '2026-01-01T00:00:00.000Z' }).execute();

  await migrateTo('2026112608_accounts');
  expect(await db.selectFrom('users').select(['instance_admin', 'deactivated_at']).executeTakeFirst()).toEqual({ instance_admin: 0, deactivated_at: null });
  await expect(db.updateTable('users').set({ instance_admin: 2 }).execute()).rejects.toThrow();

  await migrateTo('2026112607_audit_subject_index');
  expect(await db.selectFrom('users').select(['id', 'email']).execute()).toEqual([{ id: 'u', email: 'ada@acme.example' }]);
});
