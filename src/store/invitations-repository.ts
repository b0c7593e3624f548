/**
 * Invitations to join an organisation. Like session and API tokens, only the secret's SHA-256 is stored and
 * `token_hash` is never among the selected columns. Accepting and revoking are conditional updates, so an
 * invitation is used at most once even when two requests race.
 */
import type { Selectable } from 'kysely';
import type { Role } from '../domain/index.js';
import type { InvitationsTable } from './schema.js';
import { hashToken } from './token-hash.js';
import { normalizeEmail } from './users-repository.js';
import { defaultDependencies, translateConstraintErrors, selectPage, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies } from './values.js';

export interface Invitation {
  id: string;
  organizationId: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  revokedAt: string | null;
}

export interface InvitationInput {
  organizationId: string;
  email: string;
  role: Role;
  /** The secret of the link; only its hash is stored. */
  token: string;
  invitedBy: string;
  expiresAt: Date;
}

const columns = [
  'id',
  'organization_id',
  'email',
  'role',
  'invited_by',
  'created_at',
  'expires_at',
  'accepted_at',
  'accepted_by',
  'revoked_at',
] as const;

function toInvitation(row: Pick<Selectable<InvitationsTable>, (typeof columns)[number]>): Invitation {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    role: row.role as Role,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
  };
}

/** The invitation whose `key` column holds `value` (ids and secrets' hashes are unique), or null. */
async function findInvitation(executor: Executor, key: 'id' | 'token_hash', value: string): Promise<Invitation | null> {
  const row = await executor.selectFrom('invitations').select(columns).where(key, '=', value).executeTakeFirst();
  return row ? toInvitation(row) : null;
}

export type InvitationsRepository = ReturnType<typeof createInvitationsRepository>;

export function createInvitationsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  /** Still open at the injected clock's now: neither accepted nor revoked, not expired. */
  const pending = (executor: Executor, now: string) =>
    executor
      .selectFrom('invitations')
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now);

  /** Closes a pending invitation with `values`, in one conditional update: of two racing requests, one wins. */
  const closePending = async (
    executor: Executor,
    id: string,
    values: (now: string) => { accepted_at: string; accepted_by: string } | { revoked_at: string },
  ): Promise<boolean> => {
    const now = toTimestamp(deps.clock());
    const result = await executor
      .updateTable('invitations')
      .set(values(now))
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  };

  return {
    async create(input: InvitationInput, trx?: Executor): Promise<Invitation> {
      const row = await translateConstraintErrors(
        () =>
          (trx ?? db)
            .insertInto('invitations')
            .values({
              id: deps.newId(),
              organization_id: input.organizationId,
              email: normalizeEmail(input.email),
              role: input.role,
              token_hash: hashToken(input.token),
              invited_by: input.invitedBy,
              created_at: toTimestamp(deps.clock()),
              expires_at: toTimestamp(input.expiresAt),
            })
            .returning(columns)
            .executeTakeFirstOrThrow(),
        'The invitation secret is already in use',
        'Organization',
      );
      return toInvitation(row);
    },

    findById: (id: string, trx?: Executor): Promise<Invitation | null> => findInvitation(trx ?? db, 'id', id),

    /** The invitation of a link's secret, whatever its state (the caller says why it cannot be used). */
    findByToken: (token: string, trx?: Executor): Promise<Invitation | null> =>
      findInvitation(trx ?? db, 'token_hash', hashToken(token)),

    /** An organisation's pending invitations, newest first; `email` narrows to one address. */
    async listPending(organizationId: string, page: Page & { email?: string }, trx?: Executor): Promise<Paged<Invitation>> {
      let query = pending(trx ?? db, toTimestamp(deps.clock())).where('organization_id', '=', organizationId);
      if (page.email !== undefined) query = query.where('email', '=', normalizeEmail(page.email));
      return selectPage(query, page, (q) => q.select(columns).orderBy('created_at', 'desc').orderBy('id'), toInvitation);
    },

    /** Marks a pending invitation accepted by `userId`; false (nothing changed) when it is no longer pending. */
    async markAccepted(id: string, userId: string, trx?: Executor): Promise<boolean> {
      return closePending(trx ?? db, id, (now) => ({ accepted_at: now, accepted_by: userId }));
    },

    /** Revokes a pending invitation; false (nothing changed) when it is no longer pending. */
    async revoke(id: string, trx?: Executor): Promise<boolean> {
      return closePending(trx ?? db, id, (now) => ({ revoked_at: now }));
    },
  };
}
