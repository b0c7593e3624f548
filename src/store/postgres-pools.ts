/**
 * PostgreSQL behind two pools: read-write transactions take a connection from a small pool of their own, and
 * everything else (single queries, read-only transactions such as the examination's snapshot) from the readers'
 * pool. Changes to one engagement queue on its row lock and every change on the audit chain's lock, so a writer
 * holds its connection mostly waiting; with one pool, 40 waiting writers took every connection and the readers
 * waited behind them. With two, a writer waits for a change connection without holding any, and readers keep
 * theirs. Which pool a connection comes from is decided when it is first used (the transaction's access mode is
 * known only then), so the driver hands Kysely a connection that binds itself lazily. The per-request lookups
 * run as named prepared statements on both pools ({@link keepPrepared}).
 */
import {
  PostgresDialect,
  PostgresDriver,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';

/** The statements each connection keeps prepared, by their SQL: their names. */
const namedStatements = new Map<string, string>();

/**
 * Runs `sqlText` as a named prepared statement from now on: each connection has PostgreSQL parse and plan it the
 * first time and then only binds new values, where an unnamed statement is parsed and planned at every run
 * (for the per-request lookups, planning took several times what running them on their keys takes). Only for a
 * fixed set of texts (the compiled hot queries), as every connection keeps every one it ran.
 */
export function keepPrepared(sqlText: string): void {
  if (!namedStatements.has(sqlText)) namedStatements.set(sqlText, `assay_${namedStatements.size + 1}`);
}

/** A pool client that runs the kept statements by name, and everything else as it is. */
class PreparingClient implements PostgresPoolClient {
  constructor(private readonly client: pg.PoolClient) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(query: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof query !== 'string') return this.client.query(query as unknown as pg.Submittable) as unknown as PostgresCursor<R>;
    const name = namedStatements.get(query);
    const values = parameters === undefined ? [] : [...parameters];
    const result = name === undefined ? this.client.query(query, values) : this.client.query({ name, text: query, values });
    // pg's result, whose `command` Kysely knows by a narrower type.
    return result as unknown as Promise<PostgresQueryResult<R>>;
  }

  release(destroy?: boolean): void {
    this.client.release(destroy);
  }
}

/** `pool` handing out {@link PreparingClient}s, one per connection (Kysely keeps its own state per client). */
function preparing(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PreparingClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let preparingClient = clients.get(client);
      if (!preparingClient) clients.set(client, (preparingClient = new PreparingClient(client)));
      return preparingClient;
    },
    end: () => pool.end(),
  };
}

interface Bound {
  driver: PostgresDriver;
  /** What Kysely's driver hands out and takes back (its declared return type is the wider interface). */
  connection: Parameters<PostgresDriver['releaseConnection']>[0];
}

/** A connection that takes a real one from a pool at its first use and keeps it until released. */
class RoutedConnection implements DatabaseConnection {
  /** The real connection, or its taking under way: concurrent first uses (queries in `Promise.all`) share the one. */
  binding: Promise<Bound> | null = null;

  constructor(private readonly readers: PostgresDriver) {}

  bind(driver: PostgresDriver): Promise<Bound> {
    this.binding ??= driver.acquireConnection().then((connection) => ({ driver, connection: connection as Bound['connection'] }));
    return this.binding;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { connection } = await this.bind(this.readers);
    return connection.executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    const { connection } = await this.bind(this.readers);
    yield* connection.streamQuery<R>(query, chunkSize);
  }
}

class RoutedDriver implements Driver {
  private readonly readers: PostgresDriver;
  private readonly changes: PostgresDriver;

  constructor(pools: { readers: pg.Pool; changes: pg.Pool }) {
    this.readers = new PostgresDriver({ pool: preparing(pools.readers) });
    this.changes = new PostgresDriver({ pool: preparing(pools.changes) });
  }

  async init(): Promise<void> {
    await Promise.all([this.readers.init(), this.changes.init()]);
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new RoutedConnection(this.readers));
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const { driver, connection: real } = await routed(connection).bind(settings.accessMode === 'read only' ? this.readers : this.changes);
    await driver.beginTransaction(real, settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { driver, connection: real } = await bound(connection);
    await driver.commitTransaction(real);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const { driver, connection: real } = await bound(connection);
    await driver.rollbackTransaction(real);
  }

  async savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    const { driver, connection: real } = await bound(connection);
    await driver.savepoint(real, name, compileQuery);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    const { driver, connection: real } = await bound(connection);
    await driver.rollbackToSavepoint(real, name, compileQuery);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    const { driver, connection: real } = await bound(connection);
    await driver.releaseSavepoint(real, name, compileQuery);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const routedConnection = routed(connection);
    const { binding } = routedConnection;
    routedConnection.binding = null;
    // A connection never taken (the pool refused it) has nothing to give back.
    const taken = await binding?.catch(() => null);
    if (taken) await taken.driver.releaseConnection(taken.connection);
  }

  async destroy(): Promise<void> {
    await Promise.all([this.readers.destroy(), this.changes.destroy()]);
  }
}

function routed(connection: DatabaseConnection): RoutedConnection {
  if (!(connection instanceof RoutedConnection)) throw new Error('A connection of another driver was handed to the PostgreSQL pools');
  return connection;
}

function bound(connection: DatabaseConnection): Promise<Bound> {
  const { binding } = routed(connection);
  if (binding === null) throw new Error('A transaction ended on a connection that never began one');
  return binding;
}

/** The PostgreSQL dialect over the two pools. */
export class RoutedPostgresDialect extends PostgresDialect {
  constructor(private readonly pools: { readers: pg.Pool; changes: pg.Pool }) {
    super({ pool: pools.readers });
  }

  override createDriver(): Driver {
    return new RoutedDriver(this.pools);
  }
}
