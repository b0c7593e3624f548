import { CompiledQuery, sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, skipEngine } from '../../test/support/engines.js';
import type { Store } from './database.js';
import { buildOrganization } from '../../test/support/factories.js';
import { RoutedPostgresDialect } from './postgres-pools.js';
import { preparedLookup } from './prepared-query.js';

/** A promise and the function that settles it, for holding a transaction open until a test lets it go. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.skipIf(skipEngine('postgres'))('PostgreSQL pools', () => {
  let store: Store;
  // Three readers' connections; read-write transactions share max(2, ceil(3 / 3)) = 2 of their own.
  beforeAll(async () => (store = await freshStore('postgres', { poolSize: 3 })));
  afterAll(() => store.close());

  it('answers readers while more changes wait than there are connections for them', async () => {
    const held = gate();
    const started: number[] = [];
    const changes = [1, 2, 3].map((n) =>
      store.db.transaction().execute(async (trx) => {
        started.push(n);
        await sql`select 1`.execute(trx);
        await held.opened;
        return n;
      }),
    );
    await expect.poll(() => started.length).toBe(2);

    // With one pool of three, the third change would have taken the last connection and these would wait.
    const reads = await Promise.all([1, 2, 3, 4].map(() => sql<{ one: number }>`select 1 as one`.execute(store.db)));
    expect(reads.map((r) => r.rows[0]?.one)).toEqual([1, 1, 1, 1]);
    const snapshot = await store.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => sql<{ transaction_read_only: string }>`show transaction_read_only`.execute(trx));
    expect(snapshot.rows[0]).toEqual({ transaction_read_only: 'on' });
    expect(started).toHaveLength(2);

    held.open();
    expect(await Promise.all(changes)).toEqual([1, 2, 3]);
  });

  it('rolls a failed change back and gives its connection to the next', async () => {
    await sql`create table pool_probe (n integer)`.execute(store.db);
    const failing = store.db.transaction().execute(async (trx) => {
      await sql`insert into pool_probe values (1)`.execute(trx);
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    await Promise.all([2, 3, 4].map((n) => store.db.transaction().execute((trx) => sql`insert into pool_probe values (${n})`.execute(trx))));
    const rows = await sql<{ n: number }>`select n from pool_probe order by n`.execute(store.db);
    expect(rows.rows.map((r) => r.n)).toEqual([2, 3, 4]);
  });

  it('runs the compiled hot queries as statements each connection prepares once, and the rest unnamed', async () => {
    await buildOrganization(store.db, { slug: 'prepared-acme', name: 'Acme' });
    const slugs = preparedLookup(1, (executor, slug: string) => executor.selectFrom('organizations').select('slug').where('slug', '=', slug));
    const prepared = await store.db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        expect(await slugs(trx, 'prepared-acme')).toEqual({ slug: 'prepared-acme' });
        expect(await slugs(trx, 'none')).toBeUndefined();
        await trx.selectFrom('organizations').select('name').where('slug', '=', 'prepared-acme').execute();
        // The statements this connection keeps.
        return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx)).rows;
      });
    expect(prepared).toEqual([{ name: expect.stringMatching(/^assay_\d+$/), statement: expect.stringContaining('select "slug" from "organizations"') }]);
  });
});

describe('PostgreSQL pools, a connection bound at its first use', () => {
  /** A pool that counts the clients it hands out and takes back, each answering every query with one row. */
  function countingPool() {
    const counts = { taken: 0, released: 0 };
    const client = { query: () => Promise.resolve({ command: 'SELECT', rowCount: 1, rows: [{ one: 1 }] }), release: () => void counts.released++ };
    const pool = { connect: () => Promise.resolve().then(() => (counts.taken++, client)), end: () => Promise.resolve() };
    return { counts, pool: pool as unknown as pg.Pool };
  }

  it('takes one connection for concurrent first queries, and gives that one back', async () => {
    const readers = countingPool();
    const driver = new RoutedPostgresDialect({ readers: readers.pool, changes: countingPool().pool }).createDriver();
    await driver.init();
    const connection = await driver.acquireConnection();
    const results = await Promise.all([1, 2, 3].map(() => connection.executeQuery(CompiledQuery.raw('select 1 as one'))));
    expect(results.map((r) => r.rows)).toEqual([[{ one: 1 }], [{ one: 1 }], [{ one: 1 }]]);
    await driver.releaseConnection(connection);
    expect(readers.counts).toEqual({ taken: 1, released: 1 });
    await driver.destroy();
  });
});
