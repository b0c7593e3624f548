/**
 * One migration's test on every engine, over a database no migration has run on:
 *
 *   testMigration('2026112608_accounts', 'leaves existing people active…', async ({ db, migrateTo }) => {
 *     await migrateTo('2026112607_audit_subject_index');
 *     …
 *   });
 */
import type { MigrationResultSet } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator } from '../../src/store/database.js';
import type { Executor } from '../../src/store/values.js';
import { ENGINES, freshStore, skipEngine } from './engines.js';

export interface MigrationTest {
  db: Executor;
  /** Migrates up or down to `name`, failing the test on an error; the result names the migrations that ran. */
  migrateTo(name: string): Promise<MigrationResultSet>;
}

export function testMigration(migration: string, title: string, test: (context: MigrationTest) => Promise<void>): void {
  for (const engine of ENGINES) {
    describe.skipIf(skipEngine(engine))(`${engine}: migration ${migration}`, () => {
      it(title, async () => {
        const store = await freshStore(engine, { migrated: false });
        const { db } = store;
        const migrateTo = async (name: string) => {
          const result = await createMigrator(db).migrateTo(name);
          expect(result.error).toBeUndefined();
          return result;
        };
        try {
          await test({ db, migrateTo });
        } finally {
          await store.close();
        }
      });
    });
  }
}
