/**
 * The examination's revision and the snapshots' summaries.
 *
 * - `engagements.revision` counts every change to what the engine reads of an engagement: its settings, its
 *   controls, their tests and samples. The repositories bump it in the transaction of each change, so a cache
 *   of the evaluation (one per server process) stays right with any number of processes on one database:
 *   each request compares the cached revision with the stored one.
 * - `evaluation_snapshots.revision` is the revision a snapshot evaluated, unique per engagement so that
 *   several processes computing the same revision store it once; `summary` holds the counts the trend line
 *   reads (criteria per status, deficiencies per severity) without parsing the whole result; `result_hash`
 *   (SHA-256 of the result's JSON) tells an unchanged result from a new one.
 *
 * SQLite adds one column per ALTER TABLE statement, hence one call per column.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('engagements')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('evaluation_snapshots').addColumn('revision', 'integer').execute();
  await db.schema.alterTable('evaluation_snapshots').addColumn('summary', 'text').execute();
  await db.schema.alterTable('evaluation_snapshots').addColumn('result_hash', 'text').execute();
  // Rows from before this migration have no revision; both engines let any number of nulls through a unique index.
  await db.schema
    .createIndex('evaluation_snapshots_engagement_revision_unique')
    .on('evaluation_snapshots')
    .columns(['engagement_id', 'revision'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('evaluation_snapshots_engagement_revision_unique').execute();
  for (const column of ['result_hash', 'summary', 'revision']) {
    await db.schema.alterTable('evaluation_snapshots').dropColumn(column).execute();
  }
  await db.schema.alterTable('engagements').dropColumn('revision').execute();
}
