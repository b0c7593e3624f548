import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ENGINES, freshStore, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { createMigrator, migrateToLatest, migrateToNothing, openDatabase } from './database.js';
import { engineOf } from './engine.js';
import { MIGRATIONS } from './migrations/index.js';
import type { DatabaseSchema } from './schema.js';

const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();

const TABLES = [
  'api_tokens',
  'audit_checkpoints',
  'audit_events',
  'check_jobs',
  'check_runs',
  'check_sources',
  'checks',
  'control_tests',
  'controls',
  'descriptions',
  'engagements',
  'evaluation_snapshots',
  'evidence',
  'evidence_blobs',
  'evidence_controls',
  'evidence_request_answers',
  'evidence_requests',
  'findings',
  'instance_settings',
  'invitations',
  'management_responses',
  'memberships',
  'not_applicable_proposals',
  'organizations',
  'password_resets',
  'remediation_plans',
  'report_jobs',
  'risks',
  'root_causes',
  'samples',
  'sessions',
  'sign_in_throttle',
  'trust_downloads',
  'trust_nda_acceptances',
  'trust_ndas',
  'trust_pages',
  'trust_reports',
  'trust_requests',
  'trust_subscription_links',
  'trust_subscriptions',
  'users',
  'vendor_reports',
  'vendors',
];

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: database and migrations`, () => {
    it('migrates an empty database up to the latest schema and back down to nothing', async () => {
      const store = await freshStore(engine, { migrated: false });
      try {
        expect(store.engine).toBe(engine);
        expect(engineOf(store.db)).toBe(engine);

        expect(await migrateToLatest(store.db)).toEqual(MIGRATION_NAMES);
        expect(await userTables(store.db)).toEqual(TABLES);
        // Running again does nothing.
        expect(await migrateToLatest(store.db)).toEqual([]);
        const migrations = await createMigrator(store.db).getMigrations();
        expect(migrations.map((m) => [m.name, m.executedAt !== undefined])).toEqual(MIGRATION_NAMES.map((name) => [name, true]));

        expect(await migrateToNothing(store.db)).toEqual([...MIGRATION_NAMES].reverse());
        expect(await userTables(store.db)).toEqual([]);

        // And up again: down left nothing behind that would collide.
        expect(await migrateToLatest(store.db)).toEqual(MIGRATION_NAMES);
        expect(await userTables(store.db)).toEqual(TABLES);
      } finally {
        await store.close();
      }
    });

    describe('a migrated database', () => {
      const store = useFreshStore(engine);

      it('tells the engine inside a transaction too', async () => {
        await store().db.transaction().execute(async (trx) => {
          expect(engineOf(trx)).toBe(engine);
        });
      });

      it('enforces foreign keys', async () => {
        await expect(
          store()
            .db.insertInto('memberships')
            .values({ organization_id: 'nope', user_id: 'nope', role: 'admin', created_at: '2026-01-01T00:00:00.000Z' })
            .execute(),
        ).rejects.toThrow();
      });

      it('enforces the check constraints on enumerations', async () => {
        const now = '2026-01-01T00:00:00.000Z';
        await store().db.insertInto('organizations').values({ id: 'o', slug: 'o', name: 'O', created_at: now }).execute();
        await store()
          .db.insertInto('users')
          .values({ id: 'u', email: 'u@x', password_hash: 'h', display_name: 'U', created_at: now })
          .execute();
        await expect(
          store()
            .db.insertInto('memberships')
            .values({ organization_id: 'o', user_id: 'u', role: 'superuser', created_at: now })
            .execute(),
        ).rejects.toThrow();
      });
    });
  });
}

describe('sqlite: openDatabase', () => {
  it('opens a file in WAL mode with a busy timeout and foreign keys, creating its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-store-'));
    try {
      const store = await openDatabase(join(dir, 'nested', 'assay.sqlite'));
      try {
        expect(store.engine).toBe('sqlite');
        const pragma = async (name: string) =>
          Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] as Record<string, unknown>)[0];
        expect(await pragma('journal_mode')).toBe('wal');
        expect(await pragma('busy_timeout')).toBe(5000);
        expect(await pragma('foreign_keys')).toBe(1);
        await migrateToLatest(store.db);
      } finally {
        await store.close();
      }
      // Reopening finds the migrated schema.
      const again = await openDatabase(join(dir, 'nested', 'assay.sqlite'));
      try {
        expect(await migrateToLatest(again.db)).toEqual([]);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('postgres: openDatabase', () => {
  it('fails at once, with the reason, when the server cannot be reached', async () => {
    await expect(openDatabase('postgres://nobody@127.0.0.1:1/none')).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});

async function userTables(db: Kysely<DatabaseSchema>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).filter((name) => !name.startsWith('kysely_')).sort();
}
