/**
 * Password-reset links: at most one pending per person (a new link replaces the last), used once (using it
 * deletes it). Only the secret's SHA-256 is stored.
 */
import { hashToken } from './token-hash.js';
import { defaultDependencies, toTimestamp, type Executor, type StoreDependencies } from './values.js';

export interface PasswordReset {
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export type PasswordResetsRepository = ReturnType<typeof createPasswordResetsRepository>;

export function createPasswordResetsRepository(db: Executor, deps: Pick<StoreDependencies, 'clock'> = defaultDependencies) {
  return {
    /** Issues the link of `token` for the user, replacing any earlier one. */
    async replace(userId: string, token: string, expiresAt: Date, trx?: Executor): Promise<PasswordReset> {
      const executor = trx ?? db;
      const values = { token_hash: hashToken(token), created_at: toTimestamp(deps.clock()), expires_at: toTimestamp(expiresAt) };
      const row = await executor
        .insertInto('password_resets')
        .values({ user_id: userId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .returning(['user_id', 'created_at', 'expires_at'])
        .executeTakeFirstOrThrow();
      return { userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at };
    },

    /** Whether the link of `token` would be accepted now (not used, replaced or expired). */
    async isUsable(token: string, trx?: Executor): Promise<boolean> {
      const row = await (trx ?? db)
        .selectFrom('password_resets')
        .select('user_id')
        .where('token_hash', '=', hashToken(token))
        .where('expires_at', '>', toTimestamp(deps.clock()))
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Uses the link of `token`: deletes it and returns whose it was, or null (nothing changed) when it is
     * unknown, replaced or expired. Deleting is the claim, so two requests with one link cannot both use it.
     */
    async consume(token: string, trx?: Executor): Promise<string | null> {
      const row = await (trx ?? db)
        .deleteFrom('password_resets')
        .where('token_hash', '=', hashToken(token))
        .where('expires_at', '>', toTimestamp(deps.clock()))
        .returning('user_id')
        .executeTakeFirst();
      return row?.user_id ?? null;
    },
  };
}
