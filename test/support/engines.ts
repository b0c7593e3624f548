/**
 * The engines every store test runs on, and a fresh migrated database per test:
 *
 *   for (const engine of ENGINES) {
 *     describe.skipIf(skipEngine(engine))(`${engine}: controls repository`, () => {
 *       const store = useFreshStore(engine);
 *       it('…', async () => { await createControlsRepository(store().db)… });
 *     });
 *   }
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, inject } from 'vitest';
import { migrateToLatest, openDatabase, type Store } from '../../src/store/database.js';
import { createDatabase, databaseUrl, dropDatabase, uniqueDatabaseName } from './pg-admin.js';
import { isCi } from './postgres.js';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type TestEngine = (typeof ENGINES)[number];

export interface FreshStoreOptions {
  /** false: an empty database with no migration run (for the migration tests). Default true. */
  migrated?: boolean;
  /** PostgreSQL: connections in the store's pool (default 4; more for concurrency tests). */
  poolSize?: number;
}

let warned = false;

/**
 * True when `engine`'s tests should be skipped: PostgreSQL is missing and CI is not set. Under CI a missing
 * PostgreSQL is not skipped: every PostgreSQL test fails in `freshStore` with the reason.
 */
export function skipEngine(engine: TestEngine): boolean {
  if (engine !== 'postgres' || isCi()) return false;
  const { url, unavailable } = inject('assayPostgres');
  if (url) return false;
  if (!warned) console.warn(`[assay] skipping PostgreSQL tests: ${unavailable ?? 'no server'}`);
  warned = true;
  return true;
}

/** A new empty database, migrated unless asked not to be; closing it deletes it. */
export async function freshStore(engine: TestEngine, options: FreshStoreOptions = {}): Promise<Store> {
  const migrated = options.migrated ?? true;
  if (engine === 'sqlite') {
    const store = await openDatabase(':memory:');
    if (migrated) await migrateToLatest(store.db);
    return store;
  }

  const { url, template, unavailable } = inject('assayPostgres');
  if (!url || !template) {
    throw new Error(`PostgreSQL tests cannot run: ${unavailable ?? 'no server (set ASSAY_TEST_PG_URL)'}`);
  }
  const name = uniqueDatabaseName('assay_test');
  // Copying the migrated template is much faster than migrating each database.
  await createDatabase(url, name, migrated ? template : 'template0');
  const store = await openDatabase(databaseUrl(url, name), { poolSize: options.poolSize ?? 4 });
  return {
    ...store,
    async close() {
      await store.close();
      await dropDatabase(url, name);
    },
  };
}

/**
 * Opens a fresh `T` before each test of the enclosing `describe` and closes it after; the result gives the
 * current one inside a test (and throws outside, naming `what`).
 */
export function freshForEachTest<T extends { close(): Promise<void> }>(what: string, open: () => Promise<T>): () => T {
  let current: T | undefined;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error(`${what} exists only inside a test`);
    return current;
  };
}

/** Registers a fresh store for each test of the enclosing `describe`; call the result inside a test. */
export function useFreshStore(engine: TestEngine, options: FreshStoreOptions = {}): () => Store {
  return freshForEachTest('useFreshStore: the store', () => freshStore(engine, options));
}

/**
 * A new empty database that a command line opens by its URL, for each test of the enclosing `describe`: an SQLite
 * file in a folder of its own, or a database on the test PostgreSQL server (dropped after the test).
 */
export function useFreshDatabaseUrl(engine: TestEngine): () => string {
  const current = freshForEachTest('useFreshDatabaseUrl: the database', async () => {
    if (engine === 'sqlite') {
      const folder = await mkdtemp(join(tmpdir(), 'assay-db-'));
      return { url: join(folder, 'assay.sqlite'), close: () => rm(folder, { recursive: true, force: true }) };
    }
    const { url, unavailable } = inject('assayPostgres');
    if (!url) throw new Error(`PostgreSQL tests cannot run: ${unavailable ?? 'no server (set ASSAY_TEST_PG_URL)'}`);
    const name = uniqueDatabaseName('assay_cli');
    await createDatabase(url, name);
    return { url: databaseUrl(url, name), close: () => dropDatabase(url, name) };
  });
  return () => current().url;
}
