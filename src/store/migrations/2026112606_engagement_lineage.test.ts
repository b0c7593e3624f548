import { expect } from 'vitest';
import { unique } from '../../../test/support/factories.js';
import { testMigration } from '../../../test/support/migrations.js';
import type { Executor } from '../values.js';
import { insertInitialEngagement, insertInitialOrganization } from './testing.js';

/** An engagement as this migration's schema holds it (the repository reads columns later migrations add). */
async function insertEngagement(db: Executor, organizationId: string) {
  const id = unique('engagement');
  await insertInitialEngagement(db, { id, organizationId, createdAt: '2026-01-01T00:00:00.000Z' });
  const row = await db.selectFrom('engagements').select(['id', 'previous_engagement_id']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id: row.id, previousEngagementId: row.previous_engagement_id };
}

testMigration('2026112606_engagement_lineage', 'links an engagement to its previous period, unlinks it when that one goes, and goes back down keeping both', async ({ db, migrateTo }) => {
  await migrateTo('2026112606_engagement_lineage');
  const organizationId = await insertInitialOrganization(db, { id: unique('organization'), slug: unique('org') });
  const previous = await insertEngagement(db, organizationId);
  const next = await insertEngagement(db, organizationId);
  // An existing engagement has no previous period.
  expect(next.previousEngagementId).toBeNull();
  await db.updateTable('engagements').set({ previous_engagement_id: previous.id }).where('id', '=', next.id).execute();
  await expect(db.updateTable('engagements').set({ previous_engagement_id: 'missing' }).where('id', '=', next.id).execute()).rejects.toThrow();

  const down = await migrateTo('2026112605_remediation_plans');
  expect(down.results?.map((r) => r.migrationName)).toEqual(['2026112606_engagement_lineage']);
  expect((await db.selectFrom('engagements').select('id').execute()).map((r) => r.id).sort()).toEqual([previous.id, next.id].sort());

  await migrateTo('2026112606_engagement_lineage');
  await db.updateTable('engagements').set({ previous_engagement_id: previous.id }).where('id', '=', next.id).execute();
  await db.deleteFrom('engagements').where('id', '=', previous.id).execute();
  expect(await db.selectFrom('engagements').select(['id', 'previous_engagement_id']).execute()).toEqual([{ id: next.id, previous_engagement_id: null }]);
});
