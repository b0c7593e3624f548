/**
 * The installation as a whole: its settings (`instance_settings`), and what a database holds, asked before
 * anything is written to it (so it works on a database of any schema version, migrated or not, Assay's or not).
 */
import { sql } from 'kysely';
import type { Executor } from './values.js';

/** The setting `assay demo` writes on a database it seeds. */
export const DEMO_SETTING = 'demo';

/**
 * What a database holds, as the demo judges it: nothing (no table has a row), the demo (it carries the
 * demo's setting), or something else (named by a table that has rows).
 */
export type DatabaseStanding = { kind: 'empty' } | { kind: 'demo' } | { kind: 'other'; table: string };

export type InstanceRepository = ReturnType<typeof createInstanceRepository>;

export function createInstanceRepository(db: Executor) {
  return {
    /**
     * Reads the schema as it is (the migrations may not have run): every table, views aside. Kysely's own
     * migration tables are not listed, so a migrated database without data is still empty.
     */
    async standing(trx?: Executor): Promise<DatabaseStanding> {
      const executor = trx ?? db;
      const tables = (await executor.introspection.getTables()).filter((t) => !t.isView);
      if (tables.some((t) => t.name === 'instance_settings')) {
        const demo = await executor.selectFrom('instance_settings').select('name').where('name', '=', DEMO_SETTING).executeTakeFirst();
        if (demo) return { kind: 'demo' };
      }
      for (const table of tables) {
        const name = table.schema ? `${table.schema}.${table.name}` : table.name;
        const row = await sql<{ one: number }>`select 1 as one from ${sql.table(name)} limit 1`.execute(executor);
        if (row.rows.length > 0) return { kind: 'other', table: table.name };
      }
      return { kind: 'empty' };
    },

    /** Marks the database as the demo's (idempotent). */
    async markDemo(trx?: Executor): Promise<void> {
      await (trx ?? db)
        .insertInto('instance_settings')
        .values({ name: DEMO_SETTING, value: 'true' })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    },
  };
}
