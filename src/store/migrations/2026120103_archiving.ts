/**
 * Engagements and controls are archived, not deleted: `archived_at` says since when one is read-only and out of
 * the default lists (and a control out of its engagement's examination). Null for what is in use. Purging, the
 * one deletion left, is a separate admin act that first writes the whole record into the audit log.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('engagements').addColumn('archived_at', 'text').execute();
  await db.schema.alterTable('controls').addColumn('archived_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('controls').dropColumn('archived_at').execute();
  await db.schema.alterTable('engagements').dropColumn('archived_at').execute();
}
