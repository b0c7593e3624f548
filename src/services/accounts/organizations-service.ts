/** Organisations (tenants): create one (its creator becomes admin), list one's own, rename, choose the locale of dates. */
import { NotFoundError, shownRole, type Role } from '../../domain/index.js';
import type { MembershipsRepository } from '../../store/memberships-repository.js';
import type { Organization, OrganizationChanges, OrganizationsRepository } from '../../store/organizations-repository.js';
import type { Executor } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import type { SignupPolicy } from './signup-policy.js';

export interface OrganizationWithRole extends Organization {
  /** The actor's role in it (an API token's: the role its grant, within its creator's, wholly holds). */
  role: Role;
}

export function createOrganizationsService(deps: {
  db: Executor;
  organizations: OrganizationsRepository;
  memberships: Pick<MembershipsRepository, 'add' | 'listForUser'>;
  signup: SignupPolicy;
  access: Access;
  audit: AuditLog;
}) {
  const { db, organizations, memberships, signup, access, audit } = deps;

  return {
    /** The organisations the actor belongs to (an API token: its own). */
    async listMine(actor: Actor): Promise<OrganizationWithRole[]> {
      if (actor.kind === 'token') {
        const [org, grant] = await Promise.all([organizations.findById(actor.organizationId), access.grantIn(actor, actor.organizationId)]);
        return org && grant ? [{ ...org, role: shownRole(grant) }] : [];
      }
      if (actor.kind === 'operator') {
        const all = await organizations.list({ limit: 1000, offset: 0 });
        return all.items.map((o) => ({ ...o, role: 'admin' }));
      }
      const mine = await memberships.listForUser(actor.userId);
      const found = await Promise.all(mine.map(async (m) => ({ org: await organizations.findById(m.organizationId), role: m.role })));
      return found.flatMap(({ org, role }) => (org ? [{ ...org, role }] : []));
    },

    async get(actor: Actor, organizationId: string): Promise<OrganizationWithRole> {
      const grant = await access.require(actor, organizationId, 'organization.read');
      const org = await organizations.findById(organizationId);
      if (!org) throw new NotFoundError('The organisation');
      return { ...org, role: shownRole(grant) };
    },

    /** A new organisation (see signup-policy.ts for who may); a signed-in person who creates one is its first admin. */
    async create(actor: Actor, input: { slug: string; name: string }): Promise<OrganizationWithRole> {
      await signup.requireMayCreateOrganization(actor);
      return db.transaction().execute(async (trx) => {
        const org = await organizations.create(input, trx);
        if (actor.kind === 'user') await memberships.add({ organizationId: org.id, userId: actor.userId, role: 'admin' }, trx);
        await audit.record(trx, actor, { type: 'organization.created', organizationId: org.id, subject: `organization:${org.id}`, after: org });
        return { ...org, role: 'admin' as const };
      });
    },

    async update(actor: Actor, organizationId: string, expectedVersion: number, patch: OrganizationChanges) {
      const role = shownRole(await access.require(actor, organizationId, 'organization.update'));
      return db.transaction().execute(async (trx) => {
        const before = await organizations.findById(organizationId, trx);
        if (!before) throw new NotFoundError('The organisation');
        const after = await organizations.update(organizationId, expectedVersion, patch, trx);
        await audit.record(trx, actor, { type: 'organization.updated', organizationId, subject: `organization:${organizationId}`, before, after });
        return { ...after, role };
      });
    },
  };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
