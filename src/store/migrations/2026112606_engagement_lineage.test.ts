import { describe, expect, it } from 'vitest';
import { ENGINES, freshStore, skipEngine } from '../../../test/support/engines.js';
import { buildEngagement } from '../../../test/support/factories.js';
import { createMigrator } from '../database.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: migration 2026112606_engagement_lineage`, () => {
    it('links an engagement to its previous period, unlinks it when that one goes, and goes back down keeping both', async () => {
      const store = await freshStore(engine, { migrated: false });
      try {
        const { db } = store;
        expect((await createMigrator(db).migrateTo('2026112606_engagement_lineage')).error).toBeUndefined();
        const previous = await buildEngagement(db);
        const next = await buildEngagement(db, { organizationId: previous.organizationId });
        // An existing engagement has no previous period.
        expect(next.previousEngagementId).toBeNull();
        await db.updateTable('engagements').set({ previous_engagement_id: previous.id }).where('id', '=', next.id).execute();
        await expect(db.updateTable('engagements').set({ previous_engagement_id: 'missing' }).where('id', '=', next.id).execute()).rejects.toThrow();

        const down = await createMigrator(db).migrateTo('2026112605_remediation_plans');
        expect(down.error).toBeUndefined();
        expect(down.results?.map((r) => r.migrationName)).toEqual(['2026112606_engagement_lineage']);
        expect((await db.selectFrom('engagements').select('id').execute()).map((r) => r.id).sort()).toEqual([previous.id, next.id].sort());

        expect((await createMigrator(db).migrateTo('2026112606_engagement_lineage')).error).toBeUndefined();
        await db.updateTable('engagements').set({ previous_engagement_id: previous.id }).where('id', '=', next.id).execute();
        await db.deleteFrom('engagements').where('id', '=', previous.id).execute();
        expect(await db.selectFrom('engagements').select(['id', 'previous_engagement_id']).execute()).toEqual([{ id: next.id, previous_engagement_id: null }]);
      } finally {
        await store.close();
      }
    });
  });
}
