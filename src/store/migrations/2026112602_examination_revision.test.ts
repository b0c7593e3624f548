import { expect } from 'vitest';
import { testMigration } from '../../../test/support/migrations.js';
import { insertInitialEngagement } from './testing.js';

const NOW = '2026-01-01T00:00:00.000Z';

testMigration('2026112602_examination_revision', 'gives existing engagements revision 1, keeps their snapshots, allows one snapshot per revision, and goes back down', async ({ db, migrateTo }) => {
  await migrateTo('2026112601_initial');
  await db.insertInto('organizations').values({ id: 'o', slug: 'o', name: 'O', created_at: NOW }).execute();
  await insertInitialEngagement(db, { id: 'e', organizationId: 'o', createdAt: NOW });
  const snapshot = { engagement_id: 'e', taken_at: NOW, opinion: 'unmodified', result: '{}' };
  await db.insertInto('evaluation_snapshots').values({ ...snapshot, id: 's0' }).execute();

  // Up to this migration only: the later ones are tested on their own.
  const up = await migrateTo('2026112602_examination_revision');
  expect(up.results?.map((r) => r.migrationName)).toEqual(['2026112602_examination_revision']);
  expect(await db.selectFrom('engagements').select('revision').executeTakeFirstOrThrow()).toEqual({ revision: 1 });
  expect(await db.selectFrom('evaluation_snapshots').select(['id', 'revision', 'summary', 'result_hash']).execute()).toEqual([
    { id: 's0', revision: null, summary: null, result_hash: null },
  ]);
  await db.insertInto('evaluation_snapshots').values({ ...snapshot, id: 's1', revision: 1 }).execute();
  await expect(db.insertInto('evaluation_snapshots').values({ ...snapshot, id: 's2', revision: 1 }).execute()).rejects.toThrow();
  // Snapshots without a revision are not limited.
  await db.insertInto('evaluation_snapshots').values({ ...snapshot, id: 's3' }).execute();

  await migrateTo('2026112601_initial');
  const ids = await db.selectFrom('evaluation_snapshots').select('id').orderBy('id').execute();
  expect(ids.map((r) => r.id)).toEqual(['s0', 's1', 's3']);
  expect(await db.selectFrom('engagements').select('id').execute()).toEqual([{ id: 'e' }]);
});
