/**
 * Authorization for services: the actor's role in an organisation, checked against the one permission table
 * (`src/domain/access/permissions.ts`). A non-member is told the organisation does not exist, so ids of other
 * tenants reveal nothing.
 */
import { NotFoundError, reachOf, requireAccess, type Action, type Role } from '../domain/index.js';
import type { MembershipsRepository } from '../store/memberships-repository.js';
import type { Executor } from '../store/values.js';
import type { Actor } from './actor.js';

export interface Access {
  /** The actor's role in the organisation, or null when it has none. */
  roleIn(actor: Actor, organizationId: string, trx?: Executor): Promise<Role | null>;
  /**
   * The actor's role, after checking it may take `action`. `owns` says whether the subject is the actor's, for
   * grants limited to one's own (an owner editing its control).
   */
  require(actor: Actor, organizationId: string, action: Action, owns?: boolean, trx?: Executor): Promise<Role>;
}

export function createAccess(deps: { memberships: Pick<MembershipsRepository, 'find'> }): Access {
  // A request's actor is one object for the request's life: its roles are looked up once, whoever asks
  // (the route's declared permission, then the service). Inside a transaction the database is asked anew.
  const known = new WeakMap<Actor, Map<string, Role | null>>();
  const roleIn = async (actor: Actor, organizationId: string, trx?: Executor): Promise<Role | null> => {
    switch (actor.kind) {
      case 'operator':
        return 'admin';
      case 'token':
        return actor.organizationId === organizationId ? actor.role : null;
      case 'user': {
        const roles = known.get(actor) ?? new Map<string, Role | null>();
        if (trx === undefined && roles.has(organizationId)) return roles.get(organizationId) ?? null;
        const role = (await deps.memberships.find(organizationId, actor.userId, trx))?.role ?? null;
        roles.set(organizationId, role);
        known.set(actor, roles);
        return role;
      }
    }
  };
  return {
    roleIn,
    async require(actor, organizationId, action, owns = false, trx) {
      const role = await roleIn(actor, organizationId, trx);
      if (role === null) throw new NotFoundError('The organisation');
      requireAccess(role, action, owns);
      return role;
    },
  };
}

/** Whether the role's grant for `action` reaches only what the actor owns. */
export function limitedToOwn(role: Role, action: Action): boolean {
  return reachOf(role, action) === 'own';
}
