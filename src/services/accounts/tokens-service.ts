/**
 * API tokens for scripts and CI: each is bound to one organisation and one role, shown once to the person
 * who creates it, and stored only as its SHA-256 (the repository hashes it). Tokens are listed and revoked
 * by the organisation's admins (`token.manage`); a secret or hash never leaves this service after creation.
 */
import { ForbiddenError, NotFoundError, ValidationError, grantWithin, describeGrant, type Role } from '../../domain/index.js';
import type { ApiToken, ApiTokensRepository } from '../../store/api-tokens-repository.js';
import type { Executor, Page, Paged } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { newSecret } from './auth-service.js';

/** Tokens start with this, so secret scanners (and people) can tell an Assay token when one leaks. */
export const TOKEN_PREFIX = 'assay_';

export interface NewToken {
  name: string;
  role: Role;
  /** ISO-8601 instant after which the token stops working; null or absent: until revoked. */
  expiresAt?: string | null;
}

export interface CreatedToken {
  token: ApiToken;
  /** The bearer secret: returned this once, never stored or shown again. */
  secret: string;
}

export function createTokensService(deps: {
  db: Executor;
  tokens: Pick<ApiTokensRepository, 'create' | 'findById' | 'list' | 'revoke'>;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
}) {
  const { db, tokens, access, audit, clock } = deps;

  return {
    /** The organisation's tokens, newest first (revoked ones only when asked); never a secret or a hash. */
    async list(actor: Actor, organizationId: string, page: Page & { includeRevoked?: boolean }): Promise<Paged<ApiToken>> {
      await access.require(actor, organizationId, 'token.manage');
      return tokens.list(organizationId, page);
    },

    /**
     * A new token with a role no higher than the creator's; its secret is in the result and nowhere else. It acts
     * as its creator from then on, within their role as it stands at each request.
     */
    async create(actor: Actor, organizationId: string, input: NewToken): Promise<CreatedToken> {
      const creatorGrant = await access.require(actor, organizationId, 'token.manage');
      // created_by names a person: a token is always someone's, and that person answers for it.
      if (actor.kind !== 'user') throw new ForbiddenError('An API token is created by a signed-in person, not by another token or the command line');
      if (!grantWithin(input.role, creatorGrant)) {
        throw new ForbiddenError(`With ${describeGrant(creatorGrant)} you may not create a token with the ${input.role} role, which can do more`);
      }
      const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
      if (expiresAt !== null && !(expiresAt.getTime() > clock().getTime())) {
        throw new ValidationError(
          [{ location: 'expiresAt', message: Number.isNaN(expiresAt.getTime()) ? 'must be an ISO-8601 date and time' : 'must be in the future' }],
          'The token cannot be created',
        );
      }
      const secret = `${TOKEN_PREFIX}${newSecret()}`;
      return db.transaction().execute(async (trx) => {
        const token = await tokens.create(
          { organizationId, name: input.name, token: secret, role: input.role, createdBy: actor.userId, expiresAt },
          trx,
        );
        await audit.record(trx, actor, { type: 'token.created', organizationId, subject: `token:${token.id}`, after: token });
        return { token, secret };
      });
    },

    /** Revokes a token of the organisation for good; revoking it again changes nothing. */
    async revoke(actor: Actor, organizationId: string, tokenId: string): Promise<ApiToken> {
      await access.require(actor, organizationId, 'token.manage');
      return db.transaction().execute(async (trx) => {
        const before = await tokens.findById(tokenId, trx);
        // Another organisation's token is as unknown here as one that does not exist.
        if (!before || before.organizationId !== organizationId) throw new NotFoundError('The API token');
        if (before.revokedAt !== null) return before;
        const after = (await tokens.revoke(tokenId, trx)) as ApiToken;
        await audit.record(trx, actor, { type: 'token.revoked', organizationId, subject: `token:${tokenId}`, before, after });
        return after;
      });
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
