/**
 * Opening the database: one SQLite file (the zero-set-up default) or a PostgreSQL server (scale-out), behind
 * the same Kysely instance; and running the migrations.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, SqliteDialect, sql, type MigrationResult, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Engine } from './engine.js';
import { MIGRATIONS } from './migrations/index.js';
import { RoutedPostgresDialect } from './postgres-pools.js';
import { runDirectly } from './prepared-query.js';
import type { DatabaseSchema } from './schema.js';

export type { Engine } from './engine.js';

export interface Store {
  db: Kysely<DatabaseSchema>;
  engine: Engine;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * PostgreSQL: the most connections this process opens for reading (default 10); read-write transactions take
   * theirs from a pool of a third of that (at least 2) beside it (see postgres-pools.ts).
   */
  poolSize?: number;
  /**
   * Only read, and change nothing while opening: SQLite opens the file as it is (it must exist; no switch to WAL),
   * PostgreSQL sessions are read-only. For looking at a database before deciding to use it.
   */
  readOnly?: boolean;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Opens `url`: a `postgres://` or `postgresql://` URL, `:memory:`, or a path to an SQLite file (its folder is
 * created when missing). Does not migrate: call {@link migrateToLatest}.
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Store> {
  return POSTGRES_URL.test(url) ? openPostgres(url, options) : openSqlite(url, options.readOnly ?? false);
}

function openSqlite(path: string, readOnly: boolean): Store {
  if (readOnly) {
    const database = new SQLite(path, { readonly: true, fileMustExist: true });
    const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database }) });
    runDirectly(db, database);
    return { db, engine: 'sqlite', close: () => db.destroy() };
  }
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new SQLite(path);
  // WAL lets readers go on while one writer commits; the busy timeout makes a second process wait for the
  // write lock instead of failing at once; foreign keys are off by default in SQLite.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const cached = withStatementCache(database);
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: cached }) });
  runDirectly(db, { prepare: (text) => database.prepare(text), get inTransaction() { return database.inTransaction; } });
  return { db, engine: 'sqlite', close: () => db.destroy() };
}

/** How many distinct SQL texts keep their compiled statement. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 compiles the SQL on every `prepare`, and Kysely prepares for every query; an application
 * runs the same few hundred texts again and again, so compiled statements are kept, least recently used
 * dropped first. SQLite recompiles a kept statement by itself when the schema changes.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      const kept = statements.get(text);
      if (kept) {
        statements.delete(text);
        statements.set(text, kept);
        return kept;
      }
      const statement = database.prepare(text);
      statements.set(text, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}

/** PostgreSQL type ids whose default text form is a string in node-postgres. */
const INT8_OID = 20;

async function openPostgres(url: string, options: OpenOptions): Promise<Store> {
  const readers = options.poolSize ?? 10;
  const pool = (max: number) =>
    new pg.Pool({
      connectionString: url,
      max,
      ...(options.readOnly && { options: '-c default_transaction_read_only=on' }),
      types: {
        // count(*) and sums are int8, which pg returns as strings to be safe beyond 2^53; Assay's counts never
        // get there, and callers must see numbers on both engines. Set per pool, not on pg's global registry.
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
  const pools = { readers: pool(readers), changes: pool(Math.max(2, Math.ceil(readers / 3))) };
  const db = new Kysely<DatabaseSchema>({ dialect: new RoutedPostgresDialect(pools) });
  try {
    // Fail here, with the server's message, rather than at the first query. Through Kysely, not the pools:
    // Kysely sets its driver up on first use, and destroy() ends only a driver that was set up.
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, engine: 'postgres', close: () => db.destroy() };
}

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`Integer ${text} is too large for Assay`);
  return value;
}

/** A Kysely migrator over the statically imported migrations. */
export function createMigrator(db: Kysely<DatabaseSchema>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) } });
}

/** Brings the schema up to the newest migration; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Kysely<DatabaseSchema>): Promise<string[]> {
  return ran(await createMigrator(db).migrateToLatest());
}

/** Undoes every migration (tests and `assay` maintenance only); returns the names it undid. */
export async function migrateToNothing(db: Kysely<DatabaseSchema>): Promise<string[]> {
  return ran(await createMigrator(db).migrateTo(NO_MIGRATIONS));
}

function ran({ error, results }: { error?: unknown; results?: MigrationResult[] }): string[] {
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
