/**
 * Authorization for services: the actor's grant in an organisation (its role; an API token's role within its
 * creator's), checked against the one permission table (`src/domain/access/permissions.ts`). A non-member is
 * told the organisation does not exist, so ids of other tenants reveal nothing.
 */
import { NotFoundError, requireAccess, tokenGrant, type Action, type Grant } from '../../domain/index.js';
import type { MembershipsRepository } from '../../store/memberships-repository.js';
import type { Executor } from '../../store/values.js';
import type { Actor } from './actor.js';

export interface Access {
  /** The actor's grant in the organisation, or null when it has none. */
  grantIn(actor: Actor, organizationId: string, trx?: Executor): Promise<Grant | null>;
  /**
   * The actor's grant, after checking it may take `action`. `owns` says whether the subject is the actor's, for
   * grants limited to one's own (an owner editing its control).
   */
  require(actor: Actor, organizationId: string, action: Action, owns?: boolean, trx?: Executor): Promise<Grant>;
}

export function createAccess(deps: { memberships: Pick<MembershipsRepository, 'find'> }): Access {
  // A request's actor is one object for the request's life: its roles are looked up once, whoever asks
  // (the route's declared permission, then the service). Inside a transaction the database is asked anew.
  const known = new WeakMap<Actor, Map<string, Grant | null>>();
  const memberRole = async (userId: string, organizationId: string, trx?: Executor) =>
    (await deps.memberships.find(organizationId, userId, trx))?.role ?? null;
  const grantIn = async (actor: Actor, organizationId: string, trx?: Executor): Promise<Grant | null> => {
    switch (actor.kind) {
      case 'operator':
        return 'admin';
      case 'token': {
        if (actor.organizationId !== organizationId) return null;
        // Authentication read the creator's role for this request; a transaction reads it again, as for a user.
        const creatorRole = trx === undefined ? actor.creatorRole : await memberRole(actor.userId, organizationId, trx);
        return creatorRole === null ? null : tokenGrant(actor.role, creatorRole);
      }
      case 'user': {
        // Authentication read the role in the organisation the request names; a transaction reads it again.
        if (trx === undefined && actor.memberOf?.organizationId === organizationId) return actor.memberOf.role;
        const grants = known.get(actor) ?? new Map<string, Grant | null>();
        if (trx === undefined && grants.has(organizationId)) return grants.get(organizationId) ?? null;
        const role = await memberRole(actor.userId, organizationId, trx);
        grants.set(organizationId, role);
        known.set(actor, grants);
        return role;
      }
    }
  };
  return {
    grantIn,
    async require(actor, organizationId, action, owns = false, trx) {
      const grant = await grantIn(actor, organizationId, trx);
      if (grant === null) throw new NotFoundError('The organisation');
      requireAccess(grant, action, owns);
      return grant;
    },
  };
}

