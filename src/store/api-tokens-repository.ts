/**
 * Bearer tokens for scripts and CI, each bound to one organisation and role and acting as the person who
 * created it. Like sessions, only the token's SHA-256 is stored; `token_hash` is never among the selected columns.
 */
import type { Selectable } from 'kysely';
import type { Role } from '../domain/index.js';
import type { ApiTokensTable } from './schema.js';
import { examinationKeyOf, withExaminationKey, type EngagementKeyReading } from './engagements-repository.js';
import { preparedLookup } from './prepared-query.js';
import { hashToken } from './token-hash.js';
import { defaultDependencies, translateConstraintErrors, selectPage, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies } from './values.js';

export interface ApiToken {
  id: string;
  organizationId: string;
  name: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/**
 * A token that authenticates, with its creator as they stand today: the token acts as them, within their role.
 * Only what a request's caller is made of, read on every request.
 */
export interface ActiveApiToken extends Pick<ApiToken, 'id' | 'organizationId' | 'name' | 'role' | 'createdBy'> {
  creatorEmail: string;
  /** The creator's role in the token's organisation now (not when the token was made). */
  creatorRole: Role;
  /** The state of the engagement the lookup named, read in the same statement. */
  engagement?: EngagementKeyReading;
}

export interface ApiTokenInput {
  organizationId: string;
  name: string;
  /** The secret shown once to its creator; only its hash is stored. */
  token: string;
  role: Role;
  createdBy: string;
  expiresAt: Date | null;
}

const columns = [
  'id',
  'organization_id',
  'name',
  'role',
  'created_by',
  'created_at',
  'last_used_at',
  'expires_at',
  'revoked_at',
] as const;

function toApiToken(row: Pick<Selectable<ApiTokensTable>, (typeof columns)[number]>): ApiToken {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    role: row.role as Role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * The token of a hash, usable at `now`, with its creator's email and current role, and the examination key of
 * an engagement when one is named (see `findActive`).
 */
const findActiveToken = preparedLookup(3, (executor, tokenHash: string, now: string, engagementId: string | null) =>
  withExaminationKey(executor.selectFrom('api_tokens'), engagementId)
    .innerJoin('memberships', (join) =>
      join.onRef('memberships.organization_id', '=', 'api_tokens.organization_id').onRef('memberships.user_id', '=', 'api_tokens.created_by'),
    )
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .select(['api_tokens.id', 'api_tokens.organization_id', 'api_tokens.name', 'api_tokens.role', 'api_tokens.created_by'])
    .select(['users.email as creator_email', 'memberships.role as creator_role'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.deactivated_at', 'is', null),
);

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;

export function createApiTokensRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  return {
    async create(input: ApiTokenInput, trx?: Executor): Promise<ApiToken> {
      const row = await translateConstraintErrors(
        () =>
          (trx ?? db)
            .insertInto('api_tokens')
            .values({
              id: deps.newId(),
              organization_id: input.organizationId,
              name: input.name,
              token_hash: hashToken(input.token),
              role: input.role,
              created_by: input.createdBy,
              created_at: toTimestamp(deps.clock()),
              expires_at: input.expiresAt ? toTimestamp(input.expiresAt) : null,
            })
            .returning(columns)
            .executeTakeFirstOrThrow(),
        'The token is already in use',
        'Organization or user',
      );
      return toApiToken(row);
    },

    async findById(id: string, trx?: Executor): Promise<ApiToken | null> {
      const row = await (trx ?? db).selectFrom('api_tokens').select(columns).where('id', '=', id).executeTakeFirst();
      return row ? toApiToken(row) : null;
    },

    /**
     * The token that authenticates a request: not revoked, not expired at the injected clock's now, and its
     * creator still a member of its organisation and active on the instance. One query joining the creator's current membership, so a
     * token falls with its creator's rights at the next request, with nothing cached in between. With
     * `engagementId`, the same statement reads that engagement's examination key.
     */
    async findActive(token: string, engagementId?: string, trx?: Executor): Promise<ActiveApiToken | null> {
      const row = await findActiveToken(trx ?? db, hashToken(token), toTimestamp(deps.clock()), engagementId ?? null);
      if (!row) return null;
      const found: ActiveApiToken = {
        id: row.id,
        organizationId: row.organization_id,
        name: row.name,
        role: row.role as Role,
        createdBy: row.created_by,
        creatorEmail: row.creator_email,
        creatorRole: row.creator_role as Role,
      };
      if (engagementId !== undefined) found.engagement = { engagementId, key: examinationKeyOf(row) };
      return found;
    },

    /** An organisation's tokens, newest first; revoked ones only when asked. */
    async list(
      organizationId: string,
      page: Page & { includeRevoked?: boolean },
      trx?: Executor,
    ): Promise<Paged<ApiToken>> {
      let query = (trx ?? db).selectFrom('api_tokens').where('organization_id', '=', organizationId);
      if (!page.includeRevoked) query = query.where('revoked_at', 'is', null);
      return selectPage(query, page, (q) => q.select(columns).orderBy('created_at', 'desc').orderBy('id'), toApiToken);
    },

    /** Records a use (at most a timestamp write per request; callers may throttle it). */
    async markUsed(id: string, trx?: Executor): Promise<void> {
      await (trx ?? db)
        .updateTable('api_tokens')
        .set({ last_used_at: toTimestamp(deps.clock()) })
        .where('id', '=', id)
        .execute();
    },

    /** Revokes a token for good; returns it, or null when there is no such token. Revoking twice keeps the first time. */
    async revoke(id: string, trx?: Executor): Promise<ApiToken | null> {
      const executor = trx ?? db;
      await executor
        .updateTable('api_tokens')
        .set({ revoked_at: toTimestamp(deps.clock()) })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      const row = await executor.selectFrom('api_tokens').select(columns).where('id', '=', id).executeTakeFirst();
      return row ? toApiToken(row) : null;
    },
  };
}
