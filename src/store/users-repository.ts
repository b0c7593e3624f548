/**
 * People who sign in. The password hash is a secret: it is never among the selected `columns` and is read
 * only by {@link UsersRepository.findCredentials}, for the login check.
 */
import type { Selectable } from 'kysely';
import type { UsersTable } from './schema.js';
import { containsIgnoringCase, defaultDependencies, fromBooleanInt, toBooleanInt, translateConstraintErrors, staleOrMissingRow, selectPage, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies } from './values.js';

export interface User {
  id: string;
  email: string;
  displayName: string;
  createdAt: string;
  version: number;
  /** May create organisations (unless anyone may): the operator's delegate on the web. */
  instanceAdmin: boolean;
  /** When the operator removed the person from the instance; null while they may sign in. */
  deactivatedAt: string | null;
}

export interface UserInput {
  email: string;
  /** An argon2id hash made by the auth service; the store never sees a password. */
  passwordHash: string;
  displayName: string;
  instanceAdmin?: boolean;
}

export interface Credentials {
  userId: string;
  passwordHash: string;
  /** False for a deactivated account: its password opens nothing. */
  active: boolean;
}

const columns = ['id', 'email', 'display_name', 'created_at', 'version', 'instance_admin', 'deactivated_at'] as const;
const credentialColumns = ['id', 'password_hash', 'deactivated_at'] as const;

function toUser(row: Pick<Selectable<UsersTable>, (typeof columns)[number]>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    createdAt: row.created_at,
    version: row.version,
    instanceAdmin: fromBooleanInt(row.instance_admin),
    deactivatedAt: row.deactivated_at,
  };
}

function toCredentials(row: Pick<Selectable<UsersTable>, (typeof credentialColumns)[number]>): Credentials {
  return { userId: row.id, passwordHash: row.password_hash, active: row.deactivated_at === null };
}

/** Addresses are compared without case on both engines: they are stored trimmed and in lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;

export function createUsersRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const duplicate = (email: string) => `A user with the email ${normalizeEmail(email)} already exists`;

  return {
    async create(input: UserInput, trx?: Executor): Promise<User> {
      const row = await translateConstraintErrors(
        () =>
          (trx ?? db)
            .insertInto('users')
            .values({
              id: deps.newId(),
              email: normalizeEmail(input.email),
              password_hash: input.passwordHash,
              display_name: input.displayName,
              created_at: toTimestamp(deps.clock()),
              instance_admin: toBooleanInt(input.instanceAdmin ?? false),
            })
            .returning(columns)
            .executeTakeFirstOrThrow(),
        duplicate(input.email),
        'User',
      );
      return toUser(row);
    },

    findById: (id: string, trx?: Executor): Promise<User | null> => findUser(trx ?? db, 'id', id),

    findByEmail: (email: string, trx?: Executor): Promise<User | null> => findUser(trx ?? db, 'email', normalizeEmail(email)),

    /** The stored password hash, for the login check only. */
    findCredentials: (email: string, trx?: Executor): Promise<Credentials | null> =>
      findCredentials(trx ?? db, 'email', normalizeEmail(email)),

    /** The stored password hash of a signed-in person, to check their current password before a change. */
    findCredentialsById: (id: string, trx?: Executor): Promise<Credentials | null> => findCredentials(trx ?? db, 'id', id),

    /** Users by email; `search` matches the email or display name, ignoring case. */
    async list(page: Page & { search?: string }, trx?: Executor): Promise<Paged<User>> {
      let query = (trx ?? db).selectFrom('users');
      const search = page.search;
      if (search) query = query.where((eb) => containsIgnoringCase(eb, ['email', 'display_name'], search));
      return selectPage(query, page, (q) => q.select(columns).orderBy('email'), toUser);
    },

    async update(
      id: string,
      expectedVersion: number,
      patch: Partial<Omit<UserInput, 'passwordHash'>>,
      trx?: Executor,
    ): Promise<User> {
      const executor = trx ?? db;
      const values = {
        ...(patch.email !== undefined && { email: normalizeEmail(patch.email) }),
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      };
      return translateConstraintErrors(
        () => writeAtVersion(executor, id, expectedVersion, values),
        duplicate(patch.email ?? ''),
        'User',
      );
    },

    /** Replaces the password hash (bumps the version like any other change of the user). */
    async setPasswordHash(id: string, expectedVersion: number, passwordHash: string, trx?: Executor): Promise<User> {
      return writeAtVersion(trx ?? db, id, expectedVersion, { password_hash: passwordHash });
    },

    /** Grants or withdraws instance administration (bumps the version); null when there is no such user. */
    async setInstanceAdmin(id: string, instanceAdmin: boolean, trx?: Executor): Promise<User | null> {
      return setAccountState(trx ?? db, id, { instance_admin: toBooleanInt(instanceAdmin) });
    },

    /** Deactivates the account at `at`, or reactivates it with null (bumps the version); null when there is no such user. */
    async setDeactivatedAt(id: string, at: Date | null, trx?: Executor): Promise<User | null> {
      return setAccountState(trx ?? db, id, { deactivated_at: at === null ? null : toTimestamp(at) });
    },
  };
}

/** The user whose `key` column holds `value` (ids and emails are unique), or null. */
async function findUser(executor: Executor, key: 'id' | 'email', value: string): Promise<User | null> {
  const row = await executor.selectFrom('users').select(columns).where(key, '=', value).executeTakeFirst();
  return row ? toUser(row) : null;
}

async function findCredentials(executor: Executor, key: 'id' | 'email', value: string): Promise<Credentials | null> {
  const row = await executor.selectFrom('users').select(credentialColumns).where(key, '=', value).executeTakeFirst();
  return row ? toCredentials(row) : null;
}

/** Writes `values` and bumps the version if it is still `expectedVersion`; else ConflictError (stale) or NotFoundError. */
async function writeAtVersion(
  executor: Executor,
  id: string,
  expectedVersion: number,
  values: { email?: string; display_name?: string; password_hash?: string },
): Promise<User> {
  const row = await executor
    .updateTable('users')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(columns)
    .executeTakeFirst();
  if (row) return toUser(row);
  throw await staleOrMissingRow(executor, 'users', id, `User ${id}`, expectedVersion);
}

async function setAccountState(
  executor: Executor,
  id: string,
  values: { instance_admin?: 0 | 1; deactivated_at?: string | null },
): Promise<User | null> {
  const row = await executor
    .updateTable('users')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}
