/**
 * Members of an organisation and their roles. The last admin cannot be removed or demoted, even by two
 * admins demoting each other at once; nobody removes themselves. People join by invitation (invitations-service); adding an account
 * directly is the operator's, whose word on who may sign in is the installation's own.
 */
import { ConflictError, NotFoundError, type Role } from '../../domain/index.js';
import type { Member, MembershipsRepository } from '../../store/memberships-repository.js';
import type { OrganizationsRepository } from '../../store/organizations-repository.js';
import type { UsersRepository } from '../../store/users-repository.js';
import type { Executor, Page, Paged, Trx } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import { requireOperator, type Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { hashPassword } from '../platform/passwords.js';

export interface NewMember {
  email: string;
  role: Role;
  /** For a person without an account yet: the account is created with this name and initial password. */
  displayName?: string;
  password?: string;
}

export function createMembersService(deps: {
  db: Executor;
  memberships: MembershipsRepository;
  users: Pick<UsersRepository, 'findByEmail' | 'create'>;
  organizations: Pick<OrganizationsRepository, 'lock'>;
  access: Access;
  audit: AuditLog;
}) {
  const { db, memberships, users, organizations, access, audit } = deps;

  /**
   * The member about to change, read under the organisation's row lock: of two concurrent demotions, the second
   * waits and then counts the admins the first left, instead of both counting two and leaving none.
   */
  const lockMember = async (organizationId: string, userId: string, trx: Trx) => {
    await organizations.lock(organizationId, trx);
    const membership = await memberships.find(organizationId, userId, trx);
    if (!membership) throw new NotFoundError('The member');
    return membership;
  };
  const admins = async (organizationId: string, trx: Executor) =>
    (await memberships.listMembers(organizationId, { limit: 2, offset: 0, role: 'admin' }, trx)).total;

  return {
    async list(actor: Actor, organizationId: string, page: Page & { role?: Role }): Promise<Paged<Member>> {
      await access.require(actor, organizationId, 'member.read');
      return memberships.listMembers(organizationId, page);
    },

    /** Adds a person directly, creating their account with the given password if they have none (operator only). */
    async add(actor: Actor, organizationId: string, input: NewMember): Promise<Member> {
      requireOperator(actor, 'adds members directly; others invite them');
      await access.require(actor, organizationId, 'member.manage');
      const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        let user = await users.findByEmail(input.email, trx);
        if (!user) {
          if (passwordHash === null) {
            throw new NotFoundError(`No account has the email ${input.email}; give a displayName and an initial password to create it`);
          }
          user = await users.create({ email: input.email, displayName: input.displayName ?? input.email, passwordHash }, trx);
          await audit.record(trx, actor, { type: 'user.created', organizationId, subject: `user:${user.id}`, after: user });
        }
        const membership = await memberships.add({ organizationId, userId: user.id, role: input.role }, trx);
        await audit.record(trx, actor, { type: 'member.added', organizationId, subject: `user:${user.id}`, after: membership });
        return { ...membership, email: user.email, displayName: user.displayName };
      });
    },

    async changeRole(actor: Actor, organizationId: string, userId: string, expectedVersion: number, role: Role) {
      await access.require(actor, organizationId, 'member.manage');
      return db.transaction().execute(async (trx) => {
        const before = await lockMember(organizationId, userId, trx);
        if (before.role === 'admin' && role !== 'admin' && (await admins(organizationId, trx)) === 1) {
          throw new ConflictError('The organisation needs at least one admin');
        }
        const after = await memberships.changeRole(organizationId, userId, expectedVersion, role, trx);
        await audit.record(trx, actor, { type: 'member.role_changed', organizationId, subject: `user:${userId}`, before, after });
        return after;
      });
    },

    async remove(actor: Actor, organizationId: string, userId: string): Promise<void> {
      await access.require(actor, organizationId, 'member.manage');
      // Leaving by mistake locks a person out of the work they were doing; another admin removes them if meant.
      if (actor.kind !== 'operator' && actor.userId === userId) {
        throw new ConflictError('You cannot remove yourself from the organisation; another admin can remove you');
      }
      await db.transaction().execute(async (trx) => {
        const before = await lockMember(organizationId, userId, trx);
        if (before.role === 'admin' && (await admins(organizationId, trx)) === 1) {
          throw new ConflictError('The organisation needs at least one admin');
        }
        await memberships.remove(organizationId, userId, trx);
        await audit.record(trx, actor, { type: 'member.removed', organizationId, subject: `user:${userId}`, before });
      });
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
