/**
 * Which database a command uses, decided in one place: `--database`, else `ASSAY_DATABASE_URL`, else the
 * command's default (`./assay.sqlite`). A URL is `postgres://…` / `postgresql://…` or the path of an SQLite file.
 */
import { existsSync } from 'node:fs';
import { ValidationError } from '../domain/index.js';
import { migrateToLatest, openDatabase, type Store } from '../store/database.js';
import { envOf, type CliIO } from './io.js';

export const DATABASE_ENV = 'ASSAY_DATABASE_URL';
export const DEFAULT_DATABASE = './assay.sqlite';
export const DATABASE_OPTION_HELP = `database: a postgres:// URL or an SQLite file (default: $${DATABASE_ENV}, else ${DEFAULT_DATABASE})`;

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * `--database`, else `ASSAY_DATABASE_URL` (unless `useEnvironment` is false), else `fallback`. The demo does
 * not read the environment: it seeds accounts with a published password, which must never land in the
 * database a shell happens to point at.
 */
export function resolveDatabaseUrl(
  option: string | undefined,
  io: CliIO,
  { fallback = DEFAULT_DATABASE, useEnvironment = true }: { fallback?: string; useEnvironment?: boolean } = {},
): string {
  const fromEnv = useEnvironment ? envOf(io)[DATABASE_ENV] : undefined;
  return option ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : fallback);
}

export function isPostgresUrl(url: string): boolean {
  return POSTGRES_URL.test(url);
}

/** The URL with any password masked, for messages. */
export function describeDatabase(url: string): string {
  return isPostgresUrl(url) ? url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@') : url;
}

/**
 * Opens and migrates the database. `mustExist` (for commands that only read, like `export` and `verify`)
 * refuses an SQLite file that is not there rather than creating an empty one.
 */
export async function openStore(url: string, options: { mustExist?: boolean } = {}): Promise<Store> {
  if (options.mustExist && !isPostgresUrl(url) && url !== ':memory:' && !existsSync(url)) {
    throw new ValidationError(
      [{ location: url, message: `no database here: give --database or set ${DATABASE_ENV}` }],
      'Cannot open the database',
    );
  }
  const store = await openDatabase(url);
  try {
    await migrateToLatest(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** Runs `work` with the store open, and closes it whatever happens. */
export async function withStore<T>(url: string, options: { mustExist?: boolean }, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(url, options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
