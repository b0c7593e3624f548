/**
 * Accounts as the operator of an installation manages them: adding a person to an organisation (creating
 * the account when there is none), the first admin of a fresh installation, instance administrators, and
 * removing a person from the instance (deactivation: no sign-in, no session, no API token) and back.
 */
import { NotFoundError, type Role } from '../../domain/index.js';
import type { Member, MembershipsRepository } from '../../store/memberships-repository.js';
import type { Organization, OrganizationsRepository } from '../../store/organizations-repository.js';
import type { SessionsRepository } from '../../store/sessions-repository.js';
import type { User, UsersRepository } from '../../store/users-repository.js';
import type { Executor } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import { requireOperator, type Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import type { MembersService } from './members-service.js';
import { hashPassword } from '../platform/passwords.js';

export interface NewUser {
  email: string;
  role: Role;
  displayName?: string;
  /** Used only when the account does not exist yet. */
  password: string;
  /** Also make the person an instance administrator. */
  instanceAdmin?: boolean;
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

export interface AccountChange {
  user: User;
  /** False when the account was already in the state asked for (nothing was written). */
  changed: boolean;
  /** Sessions ended by the change. */
  sessionsEnded: number;
}

const PAGE = 1000;

export function createUsersService(deps: {
  db: Executor;
  users: Pick<UsersRepository, 'findByEmail' | 'create' | 'list' | 'setInstanceAdmin' | 'setDeactivatedAt'>;
  organizations: Pick<OrganizationsRepository, 'list'>;
  memberships: Pick<MembershipsRepository, 'add' | 'find'>;
  members: Pick<MembersService, 'add'>;
  sessions: Pick<SessionsRepository, 'removeForUser'>;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
}) {
  const { db, users, organizations, memberships, members, sessions, access, audit, clock } = deps;

  const account = async (email: string, trx: Executor): Promise<User> => {
    const user = await users.findByEmail(email, trx);
    if (!user) throw new NotFoundError(`The account ${email}`);
    return user;
  };

  /**
   * One change of an account's standing on the instance (operator only), audited; nothing is written when the
   * account is already as asked. Deactivation ends the sessions even then: none may outlive it.
   */
  const changeAccount = async (
    actor: Actor,
    email: string,
    change: { doing: string; type: 'user.deactivated' | 'user.reactivated' | 'user.instance_admin_changed'; already: (user: User) => boolean; apply: (user: User, trx: Executor) => Promise<User | null>; endSessions?: boolean },
  ): Promise<AccountChange> => {
    requireOperator(actor, change.doing);
    return db.transaction().execute(async (trx) => {
      const before = await account(email, trx);
      const sessionsEnded = change.endSessions ? await sessions.removeForUser(before.id, trx) : 0;
      if (change.already(before)) return { user: before, changed: false, sessionsEnded };
      const after = (await change.apply(before, trx)) as User;
      await audit.record(trx, actor, { type: change.type, organizationId: null, subject: `user:${before.id}`, before, after: { ...after, sessionsEnded } });
      return { user: after, changed: true, sessionsEnded };
    });
  };

  /** Grants or withdraws instance administration. */
  const setInstanceAdmin = (actor: Actor, email: string, instanceAdmin: boolean): Promise<AccountChange> =>
    changeAccount(actor, email, {
      doing: 'grants instance administration',
      type: 'user.instance_admin_changed',
      already: (user) => user.instanceAdmin === instanceAdmin,
      apply: (user, trx) => users.setInstanceAdmin(user.id, instanceAdmin, trx),
    });

  /** Adds a person to the organisation in a role, creating their account with `password` if they have none. */
  const add = async (actor: Actor, organizationId: string, input: NewUser): Promise<AddedUser> => {
    const existing = await users.findByEmail(input.email);
    const member = await members.add(actor, organizationId, {
      email: input.email,
      role: input.role,
      ...(existing ? {} : { displayName: input.displayName ?? input.email, password: input.password }),
    });
    if (input.instanceAdmin) await setInstanceAdmin(actor, input.email, true);
    return { member, accountCreated: existing === null };
  };

  return {
    add,
    setInstanceAdmin,

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
      requireOperator(actor, 'asks this');
      return (await users.list({ limit: 1, offset: 0 })).total > 0;
    },

    /**
     * The first account of a fresh installation: an instance administrator, admin of every organisation there
     * is; null (and nothing done) when there is an account already. Only the operator may do this.
     */
    async createFirstAdmin(actor: Actor, input: { email: string; password: string; displayName?: string }): Promise<FirstAdmin | null> {
      requireOperator(actor, 'creates the first admin');
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        if ((await users.list({ limit: 1, offset: 0 }, trx)).total > 0) return null;
        const user = await users.create({ email: input.email, displayName: input.displayName ?? 'Administrator', passwordHash, instanceAdmin: true }, trx);
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

    /**
     * Removes a person from the instance: sign-in fails, every session ends, and the API tokens they made stop
     * working. Memberships and what they recorded stay, so {@link reactivate} gives everything back.
     */
    deactivate: (actor: Actor, email: string): Promise<AccountChange> =>
      changeAccount(actor, email, {
        doing: 'deactivates an account',
        type: 'user.deactivated',
        already: (user) => user.deactivatedAt !== null,
        apply: (user, trx) => users.setDeactivatedAt(user.id, clock(), trx),
        endSessions: true,
      }),

    reactivate: (actor: Actor, email: string): Promise<AccountChange> =>
      changeAccount(actor, email, {
        doing: 'reactivates an account',
        type: 'user.reactivated',
        already: (user) => user.deactivatedAt === null,
        apply: (user, trx) => users.setDeactivatedAt(user.id, null, trx),
      }),
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
