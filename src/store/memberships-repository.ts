/** Who belongs to which organisation, in which role. */
import type { Selectable } from 'kysely';
import { NotFoundError } from '../domain/errors.js';
import type { MembershipsTable } from './schema.js';
import { defaultDependencies, translateConstraintErrors, staleOrMissing, selectPage, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies } from './values.js';
import type { Role } from '../domain/index.js';
import { normalizeEmail } from './users-repository.js';


export interface Membership {
  organizationId: string;
  userId: string;
  role: Role;
  createdAt: string;
  version: number;
}

/** A member as listed for an organisation: the membership with the user's name and email. */
export interface Member extends Membership {
  email: string;
  displayName: string;
}

export interface MembershipInput {
  organizationId: string;
  userId: string;
  role: Role;
}

const columns = ['organization_id', 'user_id', 'role', 'created_at', 'version'] as const;
const memberColumns = [
  'memberships.organization_id',
  'memberships.user_id',
  'memberships.role',
  'memberships.created_at',
  'memberships.version',
  'users.email',
  'users.display_name',
] as const;

function toMembership(row: Pick<Selectable<MembershipsTable>, (typeof columns)[number]>): Membership {
  return {
    organizationId: row.organization_id,
    userId: row.user_id,
    role: row.role as Role,
    createdAt: row.created_at,
    version: row.version,
  };
}

export type MembershipsRepository = ReturnType<typeof createMembershipsRepository>;

export function createMembershipsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const what = (organizationId: string, userId: string) => `Membership of user ${userId} in ${organizationId}`;

  async function currentVersion(executor: Executor, organizationId: string, userId: string) {
    const row = await executor
      .selectFrom('memberships')
      .select('version')
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.version;
  }

  return {
    async add(input: MembershipInput, trx?: Executor): Promise<Membership> {
      const row = await translateConstraintErrors(
        () =>
          (trx ?? db)
            .insertInto('memberships')
            .values({
              organization_id: input.organizationId,
              user_id: input.userId,
              role: input.role,
              created_at: toTimestamp(deps.clock()),
            })
            .returning(columns)
            .executeTakeFirstOrThrow(),
        `User ${input.userId} is already a member of ${input.organizationId}`,
        'Organization or user',
      );
      return toMembership(row);
    },

    async find(organizationId: string, userId: string, trx?: Executor): Promise<Membership | null> {
      const row = await (trx ?? db)
        .selectFrom('memberships')
        .select(columns)
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? toMembership(row) : null;
    },

    /** The members of an organisation, by email, optionally of one role. */
    async listMembers(
      organizationId: string,
      page: Page & { role?: Role },
      trx?: Executor,
    ): Promise<Paged<Member>> {
      let query = (trx ?? db)
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .where('memberships.organization_id', '=', organizationId);
      if (page.role) query = query.where('memberships.role', '=', page.role);
      return selectPage(
        query,
        page,
        (q) => q.select(memberColumns).orderBy('users.email'),
        (row) => ({ ...toMembership(row), email: row.email, displayName: row.display_name }),
      );
    },

    /** Which of these emails are members' (each normalised as users' emails are stored: trimmed, lower-cased). */
    async memberEmails(organizationId: string, emails: readonly string[], trx?: Executor): Promise<Set<string>> {
      const wanted = [...new Set(emails.map(normalizeEmail))];
      if (wanted.length === 0) return new Set();
      const rows = await (trx ?? db)
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select('users.email')
        .where('memberships.organization_id', '=', organizationId)
        .where('users.email', 'in', wanted)
        .execute();
      return new Set(rows.map((r) => r.email));
    },

    /** Every organisation a user belongs to (a person is in few, so no paging). */
    async listForUser(userId: string, trx?: Executor): Promise<Membership[]> {
      const rows = await (trx ?? db)
        .selectFrom('memberships')
        .select(columns)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('organization_id')
        .execute();
      return rows.map(toMembership);
    },

    async changeRole(
      organizationId: string,
      userId: string,
      expectedVersion: number,
      role: Role,
      trx?: Executor,
    ): Promise<Membership> {
      const executor = trx ?? db;
      const row = await executor
        .updateTable('memberships')
        .set((eb) => ({ role, version: eb('version', '+', 1) }))
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .where('version', '=', expectedVersion)
        .returning(columns)
        .executeTakeFirst();
      if (row) return toMembership(row);
      throw staleOrMissing(
        what(organizationId, userId),
        expectedVersion,
        await currentVersion(executor, organizationId, userId),
      );
    },

    async remove(organizationId: string, userId: string, trx?: Executor): Promise<void> {
      const result = await (trx ?? db)
        .deleteFrom('memberships')
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) throw new NotFoundError(what(organizationId, userId));
    },
  };
}
