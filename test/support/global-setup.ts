/**
 * Vitest global setup: one PostgreSQL server for the whole run. ASSAY_TEST_PG_URL names a server to use
 * (its user needs CREATEDB); otherwise a throwaway cluster is started (`postgres.ts`) and stopped at the end.
 * A database migrated once serves as the template of every test's fresh database (`engines.ts`).
 *
 * Without PostgreSQL the PostgreSQL tests fail when CI is set, and are skipped with a message otherwise.
 */
import type { TestProject } from 'vitest/node';
import { migrateToLatest, openDatabase } from '../../src/store/database.js';
import { createDatabase, databaseUrl, dropDatabase, markTemplate, uniqueDatabaseName, unmarkTemplate } from './pg-admin.js';
import { isCi, postgresUnavailableReason, startPostgresCluster, type PostgresCluster } from './postgres.js';

export interface TestPostgres {
  /** Server URL (its maintenance database), or null when there is no server. */
  url: string | null;
  /** The migrated database each fresh test database is copied from. */
  template: string | null;
  /** Why there is no server. */
  unavailable: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    assayPostgres: TestPostgres;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: PostgresCluster | null = null;
  let url = process.env.ASSAY_TEST_PG_URL || null;
  if (!url) {
    const reason = postgresUnavailableReason();
    if (reason) {
      project.provide('assayPostgres', { url: null, template: null, unavailable: reason });
      const consequence = isCi() ? 'they FAIL (CI is set)' : 'they are skipped';
      console.warn(`\n[assay] PostgreSQL tests: ${reason}; ${consequence}.\n`);
      return async () => {};
    }
    cluster = await startPostgresCluster();
    url = cluster.url;
  }

  const template = uniqueDatabaseName('assay_template');
  try {
    await createDatabase(url, template);
    const store = await openDatabase(databaseUrl(url, template), { poolSize: 1 });
    try {
      await migrateToLatest(store.db);
    } finally {
      await store.close();
    }
    await markTemplate(url, template);
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
  project.provide('assayPostgres', { url, template, unavailable: null });

  const serverUrl = url;
  return async () => {
    try {
      await unmarkTemplate(serverUrl, template);
      await dropDatabase(serverUrl, template);
    } finally {
      await cluster?.stop();
    }
  };
}
