/**
 * The sign-in throttle's counters, one row per key (`account:<email>`, `address:<address>`), in the database so
 * that every server process sharing it counts the same failures. Incrementing is one upsert, so concurrent
 * failures are all counted on both engines.
 */
import { sql } from 'kysely';
import { defaultDependencies, toTimestamp, type Executor, type StoreDependencies } from './values.js';

export interface ThrottleLock {
  key: string;
  lockedUntil: string;
}

export type SignInThrottleRepository = ReturnType<typeof createSignInThrottleRepository>;

export function createSignInThrottleRepository(db: Executor, deps: Pick<StoreDependencies, 'clock'> = defaultDependencies) {
  return {
    /** The latest lock among `keys` still in force at the injected clock's now, or null. */
    async lockedUntil(keys: readonly string[], trx?: Executor): Promise<string | null> {
      if (keys.length === 0) return null;
      const row = await (trx ?? db)
        .selectFrom('sign_in_throttle')
        .select((eb) => eb.fn.max('locked_until').as('until'))
        .where('key', 'in', [...keys])
        .where('locked_until', '>', toTimestamp(deps.clock()))
        .executeTakeFirst();
      return row?.until ?? null;
    },

    /**
     * Counts one more failure of `key` (starting again from 1 when the last one was before `forgetBefore`) and
     * returns the count.
     */
    async recordFailure(key: string, forgetBefore: Date, trx?: Executor): Promise<number> {
      const now = toTimestamp(deps.clock());
      const row = await (trx ?? db)
        .insertInto('sign_in_throttle')
        .values({ key, failures: 1, last_failure_at: now, locked_until: null })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            failures: sql<number>`case when ${eb.ref('sign_in_throttle.last_failure_at')} < ${toTimestamp(forgetBefore)} then 1 else ${eb.ref('sign_in_throttle.failures')} + 1 end`,
            last_failure_at: now,
          })),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      return Number(row.failures);
    },

    /** Locks `key` until `until`, unless a later lock is already set (a concurrent failure's). */
    async lock(key: string, until: Date, trx?: Executor): Promise<void> {
      const value = toTimestamp(until);
      await (trx ?? db)
        .updateTable('sign_in_throttle')
        .set({ locked_until: value })
        .where('key', '=', key)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', value)]))
        .execute();
    },

    /** Forgets a key's failures (a successful sign-in, a password reset). */
    async clear(key: string, trx?: Executor): Promise<void> {
      await (trx ?? db).deleteFrom('sign_in_throttle').where('key', '=', key).execute();
    },

    /** Housekeeping: forgets keys whose last failure is before `before` and that are not locked; returns how many. */
    async removeStale(before: Date, trx?: Executor): Promise<number> {
      const now = toTimestamp(deps.clock());
      const result = await (trx ?? db)
        .deleteFrom('sign_in_throttle')
        .where('last_failure_at', '<', toTimestamp(before))
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
