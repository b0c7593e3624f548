/**
 * Settings of the installation as a whole, name → value. The first: `demo`, written by `assay demo` when it
 * seeds an empty database, so that the demo (whose accounts have a published password) later recognises a
 * database as its own and refuses any other.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('instance_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('instance_settings').execute();
}
