/**
 * An organisation's locale: how the app writes and reads its dates (`en-GB`, `en-US`, `de-DE`, …). Organisations
 * made before it write day first, the default.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('locale', 'text', (c) => c.notNull().defaultTo('en-GB')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('locale').execute();
}
