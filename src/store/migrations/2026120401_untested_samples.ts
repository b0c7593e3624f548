/**
 * Items selected for a test whose result is not recorded yet: a JSON array of item ids on the test, in their
 * order. They are not samples (a sample's result is pass or fail, DESIGN §4), so the engine never counts them
 * as tested; recording an item's result moves it into `samples`.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('control_tests')
    .addColumn('untested', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('control_tests').dropColumn('untested').execute();
}
