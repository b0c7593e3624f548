/**
 * Turning stored values into plain ones and back, the same way on both engines, plus the small pieces every
 * repository shares: injected ids and time, pages, transactions, constraint errors.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, type StringReference, type Transaction } from 'kysely';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import { MAX_PAGE_SIZE } from '../domain/limits.js';
import { engineOf } from './engine.js';
import type { DatabaseSchema } from './schema.js';

/** The database or a transaction in progress: every repository method runs on `trx ?? db`. */
export type Executor = Kysely<DatabaseSchema>;
export type Trx = Transaction<DatabaseSchema>;

/** Ids and time come from outside so that tests (and reproducible reports) can fix them. */
export interface StoreDependencies {
  newId: () => string;
  clock: () => Date;
}

export const defaultDependencies: StoreDependencies = { newId: randomUUID, clock: () => new Date() };

/** The last instant written and its text: every request reads `now` at least once, mostly within one millisecond. */
let lastTime = Number.NaN;
let lastText = '';

/** The one timestamp format: `toISOString()` is UTC, fixed width, so text order is time order. */
export function toTimestamp(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid date');
  if (time !== lastTime) {
    lastText = date.toISOString();
    lastTime = time;
  }
  return lastText;
}

export function toBooleanInt(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

/** SQLite and PostgreSQL both store 0/1 in an integer column; accept a real boolean too, for safety. */
export function fromBooleanInt(value: number | boolean): boolean {
  return value === true || value === 1;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function toJsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export function fromJsonOrNull<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Counts come back as numbers, bigints or (pg int8) strings depending on engine and driver. */
export function toCount(value: string | number | bigint): number {
  return Number(value);
}


export interface Page {
  limit: number;
  offset: number;
}

export interface Paged<T> {
  items: T[];
  /** All rows that match the filters, not only this page. */
  total: number;
}

export function checkPage(page: Page): Page {
  const issues = [];
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_SIZE) {
    issues.push({ location: 'limit', message: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` });
  }
  if (!Number.isInteger(page.offset) || page.offset < 0) {
    issues.push({ location: 'offset', message: 'must be a whole number, 0 or more' });
  }
  if (issues.length > 0) throw new ValidationError(issues, 'Bad page');
  return page;
}

/** One page of a list worked out whole in memory (a ranking, a plan), with the list's total. */
export function pageOf<T>(items: readonly T[], page: Page): Paged<T> {
  const { limit, offset } = checkPage(page);
  return { items: items.slice(offset, offset + limit), total: items.length };
}

/**
 * One page of the rows `query` matches, in the order and with the columns `select` gives them, and the count
 * of all of them; the two queries run side by side.
 */
export async function selectPage<DB, TB extends keyof DB, Row, T>(
  query: SelectQueryBuilder<DB, TB, object>,
  page: Page,
  select: (query: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, Row>,
  toItem: (row: Row) => T,
): Promise<Paged<T>> {
  const { limit, offset } = checkPage(page);
  const countAll = sql<string | number | bigint>`count(*)`;
  const [rows, count] = await Promise.all([
    select(query).limit(limit).offset(offset).execute(),
    // TypeScript cannot resolve the selection's type for a table left generic; it is `{ total }`.
    query.select(countAll.as('total')).executeTakeFirstOrThrow() as Promise<{ total: string | number | bigint }>,
  ]);
  return { items: rows.map((row) => toItem(row)), total: toCount(count.total) };
}

/** `text` anywhere in any of `columns`, ignoring case: the filter behind a list's search box. */
export function containsIgnoringCase<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: readonly StringReference<DB, TB>[],
  text: string,
): Expression<SqlBool> {
  const pattern = containsPattern(text.toLowerCase());
  return eb.or(columns.map((column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`));
}

/** A LIKE pattern matching `text` anywhere, with `\` as the escape character (say `escape '\'`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `column in (values)` with the values bound as one JSON array, which the engine unpacks: a placeholder per
 * value would fail past the engines' limit on bound parameters (SQLite 32 766, PostgreSQL 65 535) for a list
 * as long as a large engagement's controls.
 */
export function inList(executor: Executor, column: Expression<unknown>, values: readonly string[]): RawBuilder<boolean> {
  return engineOf(executor) === 'postgres'
    ? // PostgreSQL: one text[] parameter, a constant the planner hashes (a set-returning function over JSON
      // was re-run for every row: minutes for 66,000 controls).
      sql<boolean>`${column} = any(${sql.val([...values])}::text[])`
    : // SQLite: json_each's `value` column.
      sql<boolean>`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * Runs `work` in the caller's transaction when given one, else in a new one: a method that writes more
 * than one statement is all-or-nothing either way.
 */
export function inTransaction<T>(executor: Executor, work: (trx: Trx) => Promise<T>): Promise<T> {
  return executor.isTransaction ? work(executor as Trx) : executor.transaction().execute(work);
}

/** better-sqlite3 and node-postgres report a broken unique or primary-key constraint differently. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Runs a write, turning a duplicate into a ConflictError and a missing parent into a NotFoundError. */
export async function translateConstraintErrors<T>(
  write: () => Promise<T>,
  conflict: string,
  missingParent: string,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(conflict);
    if (isForeignKeyViolation(error)) throw new NotFoundError(missingParent);
    throw error;
  }
}

/**
 * After an `update … where id = ? and version = ?` that matched nothing: tell a missing row (NotFoundError)
 * from a stale version (ConflictError). Nothing was written in either case.
 */
export function staleOrMissing(what: string, expected: number, current: number | undefined): Error {
  if (current === undefined) return new NotFoundError(what);
  return new ConflictError(
    `${what} was changed by someone else (now at version ${current}, you had version ${expected}); reload and try again`,
  );
}

/** Tables whose rows are named by `id` and changed only at the version the writer read. */
type VersionedTable = 'organizations' | 'users' | 'engagements' | 'controls' | 'control_tests';

/**
 * {@link staleOrMissing} for row `id` of `table`, reading the version the row is at now (none when it is gone).
 */
export async function staleOrMissingRow(
  executor: Executor,
  table: VersionedTable,
  id: string,
  what: string,
  expected: number,
): Promise<Error> {
  const row = await executor.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst();
  return staleOrMissing(what, expected, row?.version);
}
