/**
 * Browser sessions. The row's id is the SHA-256 of the session token: the store takes and looks up tokens
 * but keeps only their hashes, so a copy of the database opens no session.
 */
import type { DeleteResult, Selectable } from 'kysely';
import type { Role } from '../domain/index.js';
import type { SessionsTable } from './schema.js';
import { examinationKeyOf, withExaminationKey, type EngagementKeyReading } from './engagements-repository.js';
import { preparedLookup } from './prepared-query.js';
import { hashToken } from './token-hash.js';
import { defaultDependencies, translateConstraintErrors, toTimestamp, type Executor, type StoreDependencies } from './values.js';

export interface Session {
  /** The token's hash, not the token. */
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  csrfSecret: string;
}

/** A session that authenticates, with its person as they stand now. */
export interface ActiveSession extends Session {
  email: string;
  /**
   * The person's role now in the organisation the request names (null when not a member); undefined when the
   * lookup named none.
   */
  role?: Role | null;
  /** The state of the engagement the lookup named, read in the same statement. */
  engagement?: EngagementKeyReading;
}

export interface SessionInput {
  /** The token given to the browser; only its hash is stored. */
  token: string;
  userId: string;
  expiresAt: Date;
  csrfSecret: string;
}

const columns = ['id', 'user_id', 'created_at', 'expires_at', 'csrf_secret'] as const;

function toSession(row: Pick<Selectable<SessionsTable>, (typeof columns)[number]>): Session {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    csrfSecret: row.csrf_secret,
  };
}

/** Runs a delete of sessions; resolves to how many ended. */
async function countEnded(remove: { executeTakeFirst(): Promise<DeleteResult> }): Promise<number> {
  return Number((await remove.executeTakeFirst()).numDeletedRows);
}

/** A session by its hash, unexpired at `now`, with its person's email, their account active. */
const sessionQuery = (executor: Executor, tokenHash: string, now: string) =>
  executor
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(columns.map((column) => `sessions.${column}` as const))
    .select('users.email')
    .where('sessions.id', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.deactivated_at', 'is', null);

const findSession = preparedLookup(2, sessionQuery);

/**
 * The same, with the person's role in an organisation (null when not a member) and the examination key of an
 * engagement when one is named.
 */
const findSessionAndRole = preparedLookup(4, (executor, tokenHash: string, now: string, organizationId: string, engagementId: string | null) =>
  withExaminationKey(sessionQuery(executor, tokenHash, now), engagementId)
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.user_id', '=', 'sessions.user_id').on('memberships.organization_id', '=', organizationId),
    )
    .select('memberships.role'),
);

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;

export function createSessionsRepository(db: Executor, deps: Pick<StoreDependencies, 'clock'> = defaultDependencies) {
  return {
    async create(input: SessionInput, trx?: Executor): Promise<Session> {
      const row = await translateConstraintErrors(
        () =>
          (trx ?? db)
            .insertInto('sessions')
            .values({
              id: hashToken(input.token),
              user_id: input.userId,
              created_at: toTimestamp(deps.clock()),
              expires_at: toTimestamp(input.expiresAt),
              csrf_secret: input.csrfSecret,
            })
            .returning(columns)
            .executeTakeFirstOrThrow(),
        'The session token is already in use',
        'User',
      );
      return toSession(row);
    },

    /**
     * The session of `token` if it has not expired (at the injected clock's now) and its person's account is
     * active, with their role in `organizationId` when one is named, and the examination key of `engagementId`
     * (in that organisation's routes) when one is named: one query for everything a request's authentication,
     * its organisation's membership check and a cached answer need, so nothing is kept between requests.
     */
    async findActive(token: string, organizationId?: string, engagementId?: string, trx?: Executor): Promise<ActiveSession | null> {
      const tokenHash = hashToken(token);
      const now = toTimestamp(deps.clock());
      if (organizationId === undefined) {
        const row = await findSession(trx ?? db, tokenHash, now);
        return row ? { ...toSession(row), email: row.email } : null;
      }
      const row = await findSessionAndRole(trx ?? db, tokenHash, now, organizationId, engagementId ?? null);
      if (!row) return null;
      const found: ActiveSession = { ...toSession(row), email: row.email, role: (row.role as Role | null) ?? null };
      if (engagementId !== undefined) found.engagement = { engagementId, key: examinationKeyOf(row) };
      return found;
    },

    /** Moves the expiry (sliding sessions); false when the session is gone. */
    async extend(token: string, expiresAt: Date, trx?: Executor): Promise<boolean> {
      const result = await (trx ?? db)
        .updateTable('sessions')
        .set({ expires_at: toTimestamp(expiresAt) })
        .where('id', '=', hashToken(token))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Signs out one session; false when there was none. */
    async remove(token: string, trx?: Executor): Promise<boolean> {
      const result = await (trx ?? db).deleteFrom('sessions').where('id', '=', hashToken(token)).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /** Signs a user out everywhere (password change, removal); returns how many sessions ended. */
    async removeForUser(userId: string, trx?: Executor): Promise<number> {
      return countEnded((trx ?? db).deleteFrom('sessions').where('user_id', '=', userId));
    },

    /** Ends every session of a user but the one of `keepToken` (a password change); returns how many ended. */
    async removeOthers(userId: string, keepToken: string, trx?: Executor): Promise<number> {
      return countEnded((trx ?? db).deleteFrom('sessions').where('user_id', '=', userId).where('id', '<>', hashToken(keepToken)));
    },

    /** Housekeeping: deletes expired sessions; returns how many. */
    async removeExpired(trx?: Executor): Promise<number> {
      return countEnded((trx ?? db).deleteFrom('sessions').where('expires_at', '<=', toTimestamp(deps.clock())));
    },
  };
}
