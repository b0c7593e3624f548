/**
 * Lookups of the per-request hot path (who is calling, the examination's key), compiled once and run again with
 * new values. Kysely builds and compiles a query on every call, which costs several times what SQLite takes to
 * run one of these on its primary key; their SQL never changes, only the values bound to it. On PostgreSQL they
 * are named prepared statements too, parsed and planned once per connection (postgres-pools.ts).
 *
 * On SQLite they also skip Kysely's way to the connection (a lock taken and released across several awaits,
 * each a turn of the event loop under load): better-sqlite3 runs a statement synchronously, so outside a
 * transaction nothing can interleave with it and it reads what is committed, as through Kysely. While a
 * transaction is open on the connection, the query waits for it through Kysely, as before.
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { engineOf, type Engine } from './engine.js';
import { keepPrepared } from './postgres-pools.js';
import type { Executor } from './values.js';

/** Stands for the value of an argument while the query is compiled; NUL never occurs in the values bound. */
const placeholder = (index: number) => `\u0000argument ${index}\u0000`;

/** The SQLite connection under a Kysely instance, as its opener hands it over (see {@link runDirectly}). */
export interface DirectConnection {
  prepare(sql: string): DirectStatement;
  /** Whether a transaction is open on the connection (someone else's, between its awaits). */
  readonly inTransaction: boolean;
}

interface DirectStatement {
  /** The first row, or undefined; SQLite stops stepping there. */
  get(parameters: readonly unknown[]): unknown;
  /** Rows as arrays of values from now on (see {@link rowReader}). */
  raw(toggle: true): DirectStatement;
  columns(): { name: string }[];
}

/**
 * The statement's first row as an object, its values read as an array. better-sqlite3 makes an object row
 * through V8's C++ interface, turning every column's name into a JavaScript string again on each row, which in
 * the server costs as much as SQLite's own work for the lookup; the names are read here once.
 */
function rowReader(statement: DirectStatement): (parameters: readonly unknown[]) => unknown {
  const values = statement.raw(true);
  const names = values.columns().map((column) => column.name);
  return (parameters) => {
    const found = values.get(parameters) as unknown[] | undefined;
    if (found === undefined) return undefined;
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i] as string] = found[i];
    return row;
  };
}

const direct = new WeakMap<Kysely<unknown>, DirectConnection>();

/**
 * Lets prepared queries on `db` (the instance itself, not its transactions or instances derived with plugins,
 * which keep going through Kysely) run on `connection` directly. For a single SQLite connection only.
 */
export function runDirectly<DB>(db: Kysely<DB>, connection: DirectConnection): void {
  direct.set(db as Kysely<unknown>, connection);
}

interface Compiled<Row> {
  query: CompiledQuery<Row>;
  /** For each bound parameter, the argument it takes, or -1 for a constant of the query itself. */
  slots: number[];
}

/**
 * A query of at most one row over `arity` arguments (text, or null): `build` receives placeholders in their place
 * and must bind each as a value (never as an identifier or inside a larger text). Compiled once per engine, by
 * the first executor to run it (plugins that rewrite queries are applied as they were then; those that read
 * results, at every run); resolves to its row, or undefined.
 */
export function preparedLookup<Args extends (string | null)[], Row>(
  arity: Args['length'],
  build: (executor: Executor, ...args: Args) => Compilable<Row>,
): (executor: Executor, ...args: Args) => Promise<Row | undefined> {
  const compiled = new Map<Engine, Compiled<Row>>();
  const placeholders = Array.from({ length: arity }, (_, i) => placeholder(i)) as Args;
  // Each connection's compiled statement, held here rather than looked up by its text on every run.
  const statements = new WeakMap<DirectConnection, (parameters: readonly unknown[]) => unknown>();
  const compile = (executor: Executor): Compiled<Row> => {
    const query = build(executor, ...placeholders).compile();
    if (engineOf(executor) === 'postgres') keepPrepared(query.sql);
    const slots = query.parameters.map((value) => placeholders.indexOf(value as string));
    const missing = placeholders.findIndex((_, i) => !slots.includes(i));
    if (missing !== -1) throw new Error(`Prepared query: argument ${missing} is not bound as a value in ${query.sql}`);
    return { query, slots };
  };
  return async (executor, ...args) => {
    const engine = engineOf(executor);
    let kept = compiled.get(engine);
    if (!kept) {
      kept = compile(executor);
      compiled.set(engine, kept);
    }
    const { query, slots } = kept;
    const parameters = query.parameters.map((value, i) => (slots[i] === -1 ? value : args[slots[i] as number]));
    const connection = direct.get(executor as Kysely<unknown>);
    if (connection && !connection.inTransaction) {
      let read = statements.get(connection);
      if (!read) {
        read = rowReader(connection.prepare(query.sql));
        statements.set(connection, read);
      }
      return read(parameters) as Row | undefined;
    }
    return (await executor.executeQuery<Row>({ ...query, parameters })).rows[0];
  };
}
