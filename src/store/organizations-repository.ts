/** Organisations: the tenant every engagement, membership and API token belongs to. */
import type { Selectable } from 'kysely';
import { ConflictError } from '../domain/errors.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../domain/locales.js';
import type { OrganizationsTable } from './schema.js';
import { containsIgnoringCase, defaultDependencies, translateConstraintErrors, staleOrMissingRow, selectPage, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies, type Trx, isForeignKeyViolation } from './values.js';
import { engineOf } from './engine.js';

export interface Organization {
  id: string;
  slug: string;
  name: string;
  createdAt: string;
  version: number;
  /** How the app writes and reads its dates. */
  locale: Locale;
}

export interface OrganizationInput {
  slug: string;
  name: string;
}

/** What its admin may change: the name and slug given at creation, and the locale. */
export type OrganizationChanges = Partial<OrganizationInput> & { locale?: Locale };

const columns = ['id', 'slug', 'name', 'created_at', 'version', 'locale'] as const;

function toOrganization(row: Pick<Selectable<OrganizationsTable>, (typeof columns)[number]>): Organization {
  // A value written outside the app (by hand in the database) reads as the default rather than failing every page.
  const locale = isLocale(row.locale) ? row.locale : DEFAULT_LOCALE;
  return { id: row.id, slug: row.slug, name: row.name, createdAt: row.created_at, version: row.version, locale };
}

/**
 * A slug belongs to one organisation of the whole installation; the refusal says no more than that it cannot
 * be had, so a tenant learns nothing of another beyond what a unique name must reveal.
 */
function slugTaken(slug: string): string {
  return `The slug "${slug}" is not available; choose another`;
}

export type OrganizationsRepository = ReturnType<typeof createOrganizationsRepository>;

export function createOrganizationsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  return {
    async create(input: OrganizationInput, trx?: Executor): Promise<Organization> {
      const row = await translateConstraintErrors(
        () =>
          (trx ?? db)
            .insertInto('organizations')
            .values({ id: deps.newId(), slug: input.slug, name: input.name, created_at: toTimestamp(deps.clock()) })
            .returning(columns)
            .executeTakeFirstOrThrow(),
        slugTaken(input.slug),
        'Organization',
      );
      return toOrganization(row);
    },

    findById: (id: string, trx?: Executor): Promise<Organization | null> => findOrganization(trx ?? db, 'id', id),

    findBySlug: (slug: string, trx?: Executor): Promise<Organization | null> => findOrganization(trx ?? db, 'slug', slug),

    /** Organisations by name; `search` matches the name or slug, ignoring case. */
    async list(page: Page & { search?: string }, trx?: Executor): Promise<Paged<Organization>> {
      let query = (trx ?? db).selectFrom('organizations');
      const search = page.search;
      if (search) query = query.where((eb) => containsIgnoringCase(eb, ['name', 'slug'], search));
      return selectPage(query, page, (q) => q.select(columns).orderBy('name').orderBy('id'), toOrganization);
    },

    /** Changes the name, slug or locale if `expectedVersion` is still current; else ConflictError and no change. */
    async update(
      id: string,
      expectedVersion: number,
      patch: OrganizationChanges,
      trx?: Executor,
    ): Promise<Organization> {
      const executor = trx ?? db;
      const row = await translateConstraintErrors(
        () =>
          executor
            .updateTable('organizations')
            .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
            .where('id', '=', id)
            .where('version', '=', expectedVersion)
            .returning(columns)
            .executeTakeFirst(),
        slugTaken(patch.slug ?? ''),
        'Organization',
      );
      if (row) return toOrganization(row);
      throw await staleOrMissingRow(executor, 'organizations', id, `Organization ${id}`, expectedVersion);
    },

    /**
     * Locks the organisation's row until the transaction ends (PostgreSQL `select … for update`; SQLite's write
     * transaction is exclusive already), so checks on its memberships (at least one admin) still hold at commit.
     */
    async lock(id: string, trx: Trx): Promise<void> {
      if (engineOf(trx) !== 'postgres') return;
      await trx.selectFrom('organizations').select('id').where('id', '=', id).forUpdate().execute();
    },

    /** Deletes the organisation if `expectedVersion` is still current (refused while it has engagements). */
    async remove(id: string, expectedVersion: number, trx?: Executor): Promise<void> {
      const executor = trx ?? db;
      const result = await executor
        .deleteFrom('organizations')
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
        .catch((error: unknown) => {
          if (isForeignKeyViolation(error)) throw new ConflictError(`Organization ${id} still has engagements`);
          throw error;
        });
      if (result.numDeletedRows > 0n) return;
      throw await staleOrMissingRow(executor, 'organizations', id, `Organization ${id}`, expectedVersion);
    },
  };
}

/** The organisation whose `key` column holds `value` (ids and slugs are unique), or null. */
async function findOrganization(executor: Executor, key: 'id' | 'slug', value: string): Promise<Organization | null> {
  const row = await executor.selectFrom('organizations').select(columns).where(key, '=', value).executeTakeFirst();
  return row ? toOrganization(row) : null;
}
