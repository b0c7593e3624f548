/**
 * Engagements: one examination of one system for one period, with the settings the engine reads
 * (report type, period, categories, criteria not applicable, sampling, pervasiveness, misstatements).
 * The controls, tests and samples are the controls repository's aggregate.
 */
import type { Selectable, SelectQueryBuilder } from 'kysely';
import type { ArchivedFilter } from '../domain/archiving.js';
import type { Category } from '../domain/criteria/catalogue.js';
import type { Engagement, Misstatement, NotApplicableCriterion, ReportType } from '../domain/engagement.js';
import { engineOf } from './engine.js';
import { preparedLookup } from './prepared-query.js';
import type { DatabaseSchema, EngagementsTable } from './schema.js';
import { containsIgnoringCase, defaultDependencies, fromJson, translateConstraintErrors, staleOrMissingRow, selectPage, toJson, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies, type Trx } from './values.js';

/** What an engagement holds besides its identity: the domain `Engagement` less the organisation's name. */
export interface EngagementSettings extends Omit<Engagement, 'organization'> {
  name: string;
}

export interface EngagementInput extends EngagementSettings {
  organizationId: string;
  /** The engagement this one re-examines (the previous period), if any. */
  previousEngagementId?: string | null;
}

export interface StoredEngagement extends EngagementInput {
  id: string;
  createdAt: string;
  /** Guards the settings (optimistic concurrency). */
  version: number;
  /** Counts every change to what the engine reads: settings, controls, tests, samples. */
  revision: number;
  /** The previous period's engagement; null for a first period or once that one is purged. */
  previousEngagementId: string | null;
  /** Since when the engagement is archived (read-only); null while in use. */
  archivedAt: string | null;
}

/** What the cached evaluation of an engagement is keyed on (the organisation's name is part of the result). */
export interface ExaminationKey {
  organizationId: string;
  revision: number;
  organizationVersion: number;
}

/**
 * The examination key of the engagement a request names, read in the same statement as its caller
 * ({@link withExaminationKey}); `key` is null when there is no such engagement.
 */
export interface EngagementKeyReading {
  engagementId: string;
  key: ExaminationKey | null;
}

/** The examination key as columns of a lookup's row (nulls when the engagement does not exist). */
export interface ExaminationKeyColumns {
  key_organization_id: string | null;
  key_revision: number | string | null;
  key_organization_version: number | string | null;
}

/**
 * Adds the examination key of engagement `engagementId` to a lookup as {@link ExaminationKeyColumns}: a request
 * reads who is calling and the state of the engagement it names in one statement, its only query before a
 * cached answer. A null `engagementId` (a route that names none) adds null columns.
 */
export function withExaminationKey<TB extends keyof DatabaseSchema, O>(
  query: SelectQueryBuilder<DatabaseSchema, TB, O>,
  engagementId: string | null,
): SelectQueryBuilder<DatabaseSchema, TB, O & ExaminationKeyColumns> {
  // Kysely's join types cannot follow a query over any table: the joins are typed on one, the result cast back.
  const lookup = query as unknown as SelectQueryBuilder<DatabaseSchema, 'users', O>;
  return lookup
    .leftJoin('engagements as key_engagement', (join) => join.on('key_engagement.id', '=', engagementId))
    .leftJoin('organizations as key_organization', 'key_organization.id', 'key_engagement.organization_id')
    .select([
      'key_engagement.organization_id as key_organization_id',
      'key_engagement.revision as key_revision',
      'key_organization.version as key_organization_version',
    ]) as unknown as SelectQueryBuilder<DatabaseSchema, TB, O & ExaminationKeyColumns>;
}

/** The key in a row of {@link withExaminationKey}'s columns; null when the engagement does not exist. */
export function examinationKeyOf(row: ExaminationKeyColumns): ExaminationKey | null {
  return row.key_organization_id === null
    ? null
    : { organizationId: row.key_organization_id, revision: Number(row.key_revision), organizationVersion: Number(row.key_organization_version) };
}

export const engagementColumns = [
  'id',
  'organization_id',
  'name',
  'system',
  'report_type',
  'period_start',
  'period_end',
  'categories',
  'not_applicable',
  'sampling_confidence',
  'tolerable_rate',
  'pervasive_min_series',
  'pervasive_min_share',
  'misstatements',
  'created_at',
  'version',
  'revision',
  'previous_engagement_id',
  'archived_at',
] as const;

type EngagementRow = Pick<Selectable<EngagementsTable>, (typeof engagementColumns)[number]>;

export function toStoredEngagement(row: EngagementRow): StoredEngagement {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    system: row.system,
    reportType: row.report_type as ReportType,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    categories: fromJson<Category[]>(row.categories),
    notApplicable: fromJson<NotApplicableCriterion[]>(row.not_applicable),
    // pg returns double precision as a JS number already; Number() also covers a driver set to strings.
    sampling: { confidence: Number(row.sampling_confidence), tolerableRate: Number(row.tolerable_rate) },
    pervasiveness: { minSeries: Number(row.pervasive_min_series), minShare: Number(row.pervasive_min_share) },
    misstatements: fromJson<Misstatement[]>(row.misstatements),
    createdAt: row.created_at,
    version: row.version,
    revision: Number(row.revision),
    previousEngagementId: row.previous_engagement_id,
    archivedAt: row.archived_at,
  };
}

/** The engine's view of a stored engagement. */
export function toDomainEngagement(engagement: StoredEngagement, organizationName: string): Engagement {
  return {
    organization: organizationName,
    system: engagement.system,
    reportType: engagement.reportType,
    periodStart: engagement.periodStart,
    periodEnd: engagement.periodEnd,
    categories: engagement.categories,
    notApplicable: engagement.notApplicable,
    sampling: engagement.sampling,
    pervasiveness: engagement.pervasiveness,
    misstatements: engagement.misstatements,
  };
}

function toRowValues(settings: Partial<EngagementSettings>) {
  const { sampling, pervasiveness } = settings;
  return {
    ...(settings.name !== undefined && { name: settings.name }),
    ...(settings.system !== undefined && { system: settings.system }),
    ...(settings.reportType !== undefined && { report_type: settings.reportType }),
    ...(settings.periodStart !== undefined && { period_start: settings.periodStart }),
    ...(settings.periodEnd !== undefined && { period_end: settings.periodEnd }),
    ...(settings.categories !== undefined && { categories: toJson(settings.categories) }),
    ...(settings.notApplicable !== undefined && { not_applicable: toJson(settings.notApplicable) }),
    ...(sampling !== undefined && { sampling_confidence: sampling.confidence, tolerable_rate: sampling.tolerableRate }),
    ...(pervasiveness !== undefined && {
      pervasive_min_series: pervasiveness.minSeries,
      pervasive_min_share: pervasiveness.minShare,
    }),
    ...(settings.misstatements !== undefined && { misstatements: toJson(settings.misstatements) }),
  };
}

/** Which engagement a change belongs to: named, or found through the control or test changed. */
export type RevisionTarget = { engagementId: string } | { controlRowId: string } | { testRowId: string };

/**
 * Marks a change to what the engine reads of an engagement (the key of its cached evaluation). Call it in the
 * transaction of the change and before it, so that every writer of one engagement takes the engagement's row
 * lock first and in the same order (no deadlock with a concurrent delete on PostgreSQL).
 */
export async function bumpRevision(trx: Executor, target: RevisionTarget): Promise<void> {
  await trx
    .updateTable('engagements')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where((eb) => {
      if ('engagementId' in target) return eb('id', '=', target.engagementId);
      if ('controlRowId' in target) {
        return eb('id', 'in', eb.selectFrom('controls').select('controls.engagement_id').where('controls.id', '=', target.controlRowId));
      }
      return eb(
        'id',
        'in',
        eb
          .selectFrom('control_tests')
          .innerJoin('controls', 'controls.id', 'control_tests.control_id')
          .select('controls.engagement_id')
          .where('control_tests.id', '=', target.testRowId),
      );
    })
    .execute();
}

export type EngagementsRepository = ReturnType<typeof createEngagementsRepository>;

/** The examination's key of an engagement (see `examinationKey`). */
const findExaminationKey = preparedLookup(1, (executor, id: string) =>
  executor
    .selectFrom('engagements')
    .innerJoin('organizations', 'organizations.id', 'engagements.organization_id')
    .select(['engagements.organization_id as key_organization_id', 'engagements.revision as key_revision', 'organizations.version as key_organization_version'])
    .where('engagements.id', '=', id),
);

export function createEngagementsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  return {
    async create(input: EngagementInput, trx?: Executor): Promise<StoredEngagement> {
      const id = deps.newId();
      const row = await translateConstraintErrors(
        () =>
          (trx ?? db)
            .insertInto('engagements')
            .values({
              id,
              organization_id: input.organizationId,
              name: input.name,
              system: input.system,
              report_type: input.reportType,
              period_start: input.periodStart,
              period_end: input.periodEnd,
              categories: toJson(input.categories),
              not_applicable: toJson(input.notApplicable),
              sampling_confidence: input.sampling.confidence,
              tolerable_rate: input.sampling.tolerableRate,
              pervasive_min_series: input.pervasiveness.minSeries,
              pervasive_min_share: input.pervasiveness.minShare,
              misstatements: toJson(input.misstatements),
              created_at: toTimestamp(deps.clock()),
              previous_engagement_id: input.previousEngagementId ?? null,
            })
            .returning(engagementColumns)
            .executeTakeFirstOrThrow(),
        `Engagement ${id} already exists`,
        `Organization ${input.organizationId}`,
      );
      return toStoredEngagement(row);
    },

    findById: (id: string, trx?: Executor) => findById(trx ?? db, id),

    /**
     * Holds the engagement's row until `trx` ends, so that what a change checks first (an id is free, a
     * compensated control exists, the population has room) still holds when it commits. Every change of the
     * engagement's controls, tests and samples takes this lock first (bumpRevision takes the same row lock),
     * so concurrent changes of one engagement run one after the other. PostgreSQL: `select … for update`.
     * SQLite needs nothing: one process runs one transaction at a time on its connection, and a transaction of
     * another process that read before a commit fails on its first write (SQLITE_BUSY_SNAPSHOT), never writing
     * on a stale read.
     */
    async lockForChange(id: string, trx: Trx): Promise<void> {
      if (engineOf(trx) !== 'postgres') return;
      await trx.selectFrom('engagements').select('id').where('id', '=', id).forUpdate().execute();
    },

    /**
     * What the cached evaluation is keyed on, in one query on two primary keys (the hot path of the
     * examination endpoint); null when the engagement does not exist.
     */
    async examinationKey(id: string, trx?: Executor): Promise<ExaminationKey | null> {
      const row = await findExaminationKey(trx ?? db, id);
      return row ? examinationKeyOf(row) : null;
    },

    /** An organisation's engagements, newest period first; `search` matches the name or system; archived ones only when asked. */
    async list(
      organizationId: string,
      page: Page & { search?: string; reportType?: ReportType; archived?: ArchivedFilter },
      trx?: Executor,
    ): Promise<Paged<StoredEngagement>> {
      const archived = page.archived ?? 'exclude';
      let query = (trx ?? db)
        .selectFrom('engagements')
        .where('organization_id', '=', organizationId)
        .$if(archived !== 'include', (q) => q.where('archived_at', archived === 'only' ? 'is not' : 'is', null));
      if (page.reportType !== undefined) query = query.where('report_type', '=', page.reportType);
      const search = page.search;
      if (search) query = query.where((eb) => containsIgnoringCase(eb, ['name', 'system'], search));
      return selectPage(
        query,
        page,
        (q) => q.select(engagementColumns).orderBy('period_end', 'desc').orderBy('created_at', 'desc').orderBy('id'),
        toStoredEngagement,
      );
    },

    /** Changes settings if `expectedVersion` is still current; else ConflictError and no change. */
    update: (id: string, expectedVersion: number, patch: Partial<EngagementSettings>, trx?: Executor): Promise<StoredEngagement> =>
      writeAtVersion(trx ?? db, id, expectedVersion, { ...toRowValues(patch), revision: true }),

    /** Archives (a time) or restores (null) the engagement if `expectedVersion` is still current; else ConflictError. */
    setArchived: (id: string, expectedVersion: number, archivedAt: string | null, trx?: Executor): Promise<StoredEngagement> =>
      writeAtVersion(trx ?? db, id, expectedVersion, { archived_at: archivedAt, revision: false }),

    /**
     * Deletes the engagement with everything it holds (controls, tests, samples, findings, snapshots, plan), if
     * the version is current: only for a purge, after its record is in the audit log.
     */
    async remove(id: string, expectedVersion: number, trx?: Executor): Promise<void> {
      const executor = trx ?? db;
      const result = await executor
        .deleteFrom('engagements')
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (result.numDeletedRows > 0n) return;
      throw await staleOrMissingRow(executor, 'engagements', id, `Engagement ${id}`, expectedVersion);
    },
  };
}

/**
 * Writes `values` and bumps the version if it is still `expectedVersion` (and the revision when the write
 * changes what the engine reads); else ConflictError (stale) or NotFoundError (gone), and no change.
 */
async function writeAtVersion(
  executor: Executor,
  id: string,
  expectedVersion: number,
  { revision, ...values }: ReturnType<typeof toRowValues> & { archived_at?: string | null; revision: boolean },
): Promise<StoredEngagement> {
  const row = await executor
    .updateTable('engagements')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), ...(revision && { revision: eb('revision', '+', 1) }) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(engagementColumns)
    .executeTakeFirst();
  if (row) return toStoredEngagement(row);
  throw await staleOrMissingRow(executor, 'engagements', id, `Engagement ${id}`, expectedVersion);
}

async function findById(executor: Executor, id: string): Promise<StoredEngagement | null> {
  const row = await executor
    .selectFrom('engagements')
    .select(engagementColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toStoredEngagement(row) : null;
}
