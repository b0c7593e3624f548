/**
 * Which database engine a Kysely instance (or transaction) talks to. Repositories and migrations need it
 * only for the few statements that differ between engines (identity columns, advisory locks).
 */
import { PostgresAdapter, type DialectAdapter } from 'kysely';

export const ENGINE_NAMES = ['sqlite', 'postgres'] as const;
export type Engine = (typeof ENGINE_NAMES)[number];

/**
 * Reads the dialect adapter that Kysely itself consults to compile queries. A transaction shares its
 * parent's adapter, so this works for `trx` as well as `db` (and for the instance a migration receives).
 * `getExecutor()` is marked internal in Kysely's typings; kysely is pinned and `engine.test.ts` covers it.
 */
export function engineOf(db: { getExecutor(): { readonly adapter: DialectAdapter } }): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
