/**
 * The lineage of periods: an engagement opened as the re-examination of a previous one names it, so the app can
 * compare the two periods side by side. Deleting the previous engagement leaves the later one standing, without
 * its link (on delete set null): each period's examination is whole on its own.
 *
 * Both engines add a nullable column with a foreign key in one ALTER TABLE (SQLite allows it because the column's
 * default is null).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('engagements')
    .addColumn('previous_engagement_id', 'text', (c) => c.references('engagements.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('engagements').dropColumn('previous_engagement_id').execute();
}
