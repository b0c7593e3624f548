/**
 * Accounts as the operator of an installation manages them: adding a person to an organisation (creating
 * the account when there is none) and the first admin of a fresh installation.
 */
import { ForbiddenError, type Role } from '../domain/index.js';
import type { Member, MembershipsRepository } from '../store/memberships-repository.js';
import type { Organization, OrganizationsRepository } from '../store/organizations-repository.js';
import type { User, UsersRepository } from '../store/users-repository.js';
import type { Executor } from '../store/values.js';
import type { Access } from './access.js';
import type { Actor } from './actor.js';
import type { AuditLog } from './audit.js';
import type { MembersService } from './members-service.js';
import { hashPassword } from './passwords.js';

export interface NewUser {
  email: string;
  role: Role;
  displayName?: string;
  /** Used only when the account does not exist yet. */
  password: string;
}

export interface AddedUser {
  member: Member;
  /** False when the person already had an account: it was added to the organisation, its password untouched. */
  accountCreated: boolean;
}

export interface FirstAdmin {
  user: User;
  /** The organisations the first admin was made admin of: all there were (e.g. imported before the first start). */
  organizations: Organization[];
}

const PAGE = 1000;

export function createUsersService(deps: {
  db: Executor;
  users: Pick<UsersRepository, 'findByEmail' | 'create' | 'list'>;
  organizations: Pick<OrganizationsRepository, 'list'>;
  memberships: Pick<MembershipsRepository, 'add' | 'find'>;
  members: Pick<MembersService, 'add'>;
  access: Access;
  audit: AuditLog;
}) {
  const { db, users, organizations, memberships, members, access, audit } = deps;

  /** Adds a person to the organisation in a role, creating their account with `password` if they have none. */
  const add = async (actor: Actor, organizationId: string, input: NewUser): Promise<AddedUser> => {
    const existing = await users.findByEmail(input.email);
    const member = await members.add(actor, organizationId, {
      email: input.email,
      role: input.role,
      ...(existing ? {} : { displayName: input.displayName ?? input.email, password: input.password }),
    });
    return { member, accountCreated: existing === null };
  };

  return {
    add,

    /** Like {@link add}, but a person who is already a member is left as they are (for seeding). */
    async ensureMember(actor: Actor, organizationId: string, input: NewUser): Promise<AddedUser & { added: boolean }> {
      await access.require(actor, organizationId, 'member.manage');
      const existing = await users.findByEmail(input.email);
      const membership = existing ? await memberships.find(organizationId, existing.id) : null;
      if (existing && membership) {
        return { member: { ...membership, email: existing.email, displayName: existing.displayName }, accountCreated: false, added: false };
      }
      return { ...(await add(actor, organizationId, input)), added: true };
    },

    /** Whether anyone can sign in yet (the operator's question at start-up). */
    async hasUsers(actor: Actor): Promise<boolean> {
      if (actor.kind !== 'operator') throw new ForbiddenError('Only the operator of the installation asks this');
      return (await users.list({ limit: 1, offset: 0 })).total > 0;
    },

    /**
     * The first account of a fresh installation, admin of every organisation there is; null (and nothing done)
     * when there is an account already. Only the operator may do this.
     */
    async createFirstAdmin(actor: Actor, input: { email: string; password: string; displayName?: string }): Promise<FirstAdmin | null> {
      if (actor.kind !== 'operator') throw new ForbiddenError('Only the operator of the installation creates the first admin');
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        if ((await users.list({ limit: 1, offset: 0 }, trx)).total > 0) return null;
        const user = await users.create({ email: input.email, displayName: input.displayName ?? 'Administrator', passwordHash }, trx);
        await audit.record(trx, actor, { type: 'user.created', organizationId: null, subject: `user:${user.id}`, after: user });
        const all: Organization[] = [];
        for (let offset = 0; ; offset += PAGE) {
          const page = await organizations.list({ limit: PAGE, offset }, trx);
          all.push(...page.items);
          if (offset + PAGE >= page.total) break;
        }
        for (const organization of all) {
          const membership = await memberships.add({ organizationId: organization.id, userId: user.id, role: 'admin' }, trx);
          await audit.record(trx, actor, { type: 'member.added', organizationId: organization.id, subject: `user:${user.id}`, after: membership });
        }
        return { user, organizations: all };
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
