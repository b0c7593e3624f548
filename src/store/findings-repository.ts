/**
 * Findings and root causes of an engagement. A finding is stored as the domain's `Finding` with its
 * lists and judgments as JSON text, read and written whole; its root cause is a row of `root_causes` that
 * many findings can share, named in the domain by its code (`RC-1`). The finding's `version` guards every
 * change (optimistic concurrency).
 */
import { sql, type Selectable } from 'kysely';
import type { Classification, CorrectiveAction, FailedSample, Finding, FindingSource, FindingStatus, Retest, RiskAcceptance, RootCause, RootCauseCategory, StatusChange } from '../domain/findings/index.js';
import { chunksFor } from './controls-rows.js';
import { engineOf } from './engine.js';
import { bumpRevision } from './engagements-repository.js';
import type { FindingsTable, RootCausesTable } from './schema.js';
import { defaultDependencies, fromBooleanInt, inList, fromJson, toBooleanInt, fromJsonOrNull, staleOrMissing, toJson, toJsonOrNull, selectPage, toTimestamp, translateConstraintErrors, type Executor, type Page, type Paged, type StoreDependencies, type Trx } from './values.js';

export interface StoredFinding extends Finding {
  engagementId: string;
  createdAt: string;
  version: number;
}

export interface StoredRootCause extends RootCause {
  engagementId: string;
  version: number;
}

/** A root cause with the codes of the findings traced to it, in code order. */
export interface RootCauseWithFindings extends StoredRootCause {
  findings: string[];
}

export interface FindingFilter {
  status?: FindingStatus;
  /** Findings on this control (e.g. AC-04). */
  control?: string;
}

const findingColumns = [
  'findings.engagement_id',
  'findings.code',
  'findings.title',
  'findings.description',
  'findings.source',
  'findings.control_code',
  'findings.criteria',
  'findings.classification',
  'findings.status',
  'findings.identified_on',
  'findings.deviations',
  'findings.corrective_actions',
  'findings.retests',
  'findings.risk_acceptance',
  'findings.false_positive_reason',
  'findings.history',
  'findings.significant_incident',
  'findings.created_at',
  'findings.version',
] as const;

const rootCauseColumns = ['id', 'engagement_id', 'code', 'title', 'category', 'whys', 'version'] as const;

type FindingRow = Omit<Selectable<FindingsTable>, 'id' | 'root_cause_id'> & { root_cause_code: string | null };

function toStoredFinding(row: FindingRow): StoredFinding {
  return {
    code: row.code,
    engagementId: row.engagement_id,
    title: row.title,
    description: row.description,
    source: row.source as FindingSource,
    control: row.control_code,
    criteria: fromJson<string[]>(row.criteria),
    classification: fromJson<Classification>(row.classification),
    status: row.status as FindingStatus,
    identifiedOn: row.identified_on,
    failedSamples: fromJson<FailedSample[]>(row.deviations),
    rootCause: row.root_cause_code,
    correctiveActions: fromJson<CorrectiveAction[]>(row.corrective_actions),
    retests: fromJson<Retest[]>(row.retests),
    riskAcceptance: fromJsonOrNull<RiskAcceptance>(row.risk_acceptance),
    falsePositiveReason: row.false_positive_reason,
    history: fromJson<StatusChange[]>(row.history),
    // Only a marked finding says so: the domain's findings leave the flag out when it is not set.
    ...(fromBooleanInt(row.significant_incident) && { significantIncident: true }),
    createdAt: row.created_at,
    version: Number(row.version),
  };
}

function toStoredRootCause(row: Pick<Selectable<RootCausesTable>, (typeof rootCauseColumns)[number]>): StoredRootCause {
  return {
    id: row.code,
    engagementId: row.engagement_id,
    title: row.title,
    category: row.category as RootCauseCategory,
    whys: fromJson<string[]>(row.whys),
    version: Number(row.version),
  };
}

/** The columns a finding's change writes: everything but its identity and creation. */
function mutableValues(finding: Finding) {
  return {
    title: finding.title,
    description: finding.description,
    source: finding.source,
    control_code: finding.control,
    criteria: toJson(finding.criteria),
    classification: toJson(finding.classification),
    status: finding.status,
    identified_on: finding.identifiedOn,
    deviations: toJson(finding.failedSamples),
    corrective_actions: toJson(finding.correctiveActions),
    retests: toJson(finding.retests),
    risk_acceptance: toJsonOrNull(finding.riskAcceptance),
    false_positive_reason: finding.falsePositiveReason,
    history: toJson(finding.history),
    significant_incident: toBooleanInt(finding.significantIncident === true),
  };
}

/**
 * Whether a finding's accepted risk has lapsed by `today`: accepted, and its acceptance expired before today.
 * The domain's read-time rule (`expireAcceptedRisk`) as SQL, so that a page filtered by status is the page the
 * service then shows; the repository test holds the two to the same boundaries.
 */
function lapsedBy(executor: Executor, today: string) {
  const expires =
    engineOf(executor) === 'postgres'
      ? // PostgreSQL: the JSON text's field as text.
        sql`(findings.risk_acceptance::jsonb ->> 'expires')`
      : // SQLite: json_extract reads the text as JSON.
        sql`json_extract(findings.risk_acceptance, '$.expires')`;
  return sql<boolean>`(findings.status = 'risk_accepted' and coalesce(${expires} < ${today}, false))`;
}

/** The filter on a finding's status as it reads on `today` (an accepted risk past its expiry is open). */
function statusAsOf(executor: Executor, status: FindingStatus, today: string) {
  const lapsed = lapsedBy(executor, today);
  if (status === 'open') return sql<boolean>`(findings.status = 'open' or ${lapsed})`;
  if (status === 'risk_accepted') return sql<boolean>`(findings.status = 'risk_accepted' and not ${lapsed})`;
  return sql<boolean>`findings.status = ${status}`;
}

/** The refusal of a change of finding `code` at a version it is no longer at, or of one that does not exist. */
async function staleFinding(executor: Executor, engagementId: string, code: string, expectedVersion: number): Promise<Error> {
  const current = await executor.selectFrom('findings').select('version').where('engagement_id', '=', engagementId).where('code', '=', code).executeTakeFirst();
  return staleOrMissing(`Finding ${code}`, expectedVersion, current?.version);
}

/** The parameters an inserted finding binds: 19 values, and 2 in its root cause's subquery. */
const FINDING_ROW_PARAMETERS = 21;

export type FindingsRepository = ReturnType<typeof createFindingsRepository>;

export function createFindingsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const selectFindings = (executor: Executor, engagementId: string) =>
    executor
      .selectFrom('findings')
      .leftJoin('root_causes', 'root_causes.id', 'findings.root_cause_id')
      .select([...findingColumns, 'root_causes.code as root_cause_code'])
      .where('findings.engagement_id', '=', engagementId);

  /** The row id of a root cause named by its code, as a subquery (null when `code` is null). */
  const rootCauseRef = (executor: Executor, engagementId: string, code: string | null) =>
    code === null
      ? null
      : executor.selectFrom('root_causes').select('root_causes.id').where('engagement_id', '=', engagementId).where('code', '=', code);

  async function findByCode(engagementId: string, code: string, trx?: Executor): Promise<StoredFinding | null> {
    const row = await selectFindings(trx ?? db, engagementId).where('findings.code', '=', code).executeTakeFirst();
    return row ? toStoredFinding(row) : null;
  }

  async function findRootCause(engagementId: string, code: string, trx?: Executor): Promise<StoredRootCause | null> {
    const row = await (trx ?? db)
      .selectFrom('root_causes')
      .select(rootCauseColumns)
      .where('engagement_id', '=', engagementId)
      .where('code', '=', code)
      .executeTakeFirst();
    return row ? toStoredRootCause(row) : null;
  }

  return {
    /** Adds a finding; its code taken in the engagement already is a ConflictError. */
    async create(engagementId: string, finding: Finding, trx?: Executor): Promise<StoredFinding> {
      const executor = trx ?? db;
      await translateConstraintErrors(
        () =>
          executor
            .insertInto('findings')
            .values({
              id: deps.newId(),
              engagement_id: engagementId,
              code: finding.code,
              ...mutableValues(finding),
              root_cause_id: rootCauseRef(executor, engagementId, finding.rootCause),
              created_at: toTimestamp(deps.clock()),
            })
            .execute(),
        `Finding ${finding.code} already exists in the engagement`,
        `Engagement ${engagementId}`,
      );
      return (await findByCode(engagementId, finding.code, executor)) as StoredFinding;
    },

    /**
     * Adds many findings (an import) in batched inserts, in the caller's transaction so that they come in all or
     * none; a code taken already is a ConflictError. Returns them as stored.
     */
    async createMany(engagementId: string, findings: readonly Finding[], trx: Trx): Promise<StoredFinding[]> {
      const createdAt = toTimestamp(deps.clock());
      for (const batch of chunksFor(findings, FINDING_ROW_PARAMETERS)) {
        await translateConstraintErrors(
          () =>
            trx
              .insertInto('findings')
              .values(
                batch.map((finding) => ({
                  id: deps.newId(),
                  engagement_id: engagementId,
                  code: finding.code,
                  ...mutableValues(finding),
                  root_cause_id: rootCauseRef(trx, engagementId, finding.rootCause),
                  created_at: createdAt,
                })),
              )
              .execute(),
          `A finding of the same code already exists in the engagement`,
          `Engagement ${engagementId}`,
        );
      }
      return findings.map((finding) => ({ ...finding, engagementId, createdAt, version: 1 }));
    },

    /** Which of `codes` the engagement's findings have already (one bound parameter, however many codes). */
    async takenCodes(engagementId: string, codes: readonly string[], trx?: Executor): Promise<string[]> {
      if (codes.length === 0) return [];
      const executor = trx ?? db;
      const rows = await executor
        .selectFrom('findings')
        .select('code')
        .where('engagement_id', '=', engagementId)
        .where((eb) => inList(executor, eb.ref('code'), codes))
        .execute();
      return rows.map((r) => r.code);
    },

    findByCode,

    /** An engagement's findings in code order, by status and/or control. */
    async list(engagementId: string, filter: FindingFilter = {}, trx?: Executor): Promise<StoredFinding[]> {
      let query = selectFindings(trx ?? db, engagementId);
      if (filter.status !== undefined) query = query.where('findings.status', '=', filter.status);
      if (filter.control !== undefined) query = query.where('findings.control_code', '=', filter.control);
      const rows = await query.orderBy('findings.code').execute();
      return rows.map(toStoredFinding);
    },

    /**
     * A page of the engagement's findings in code order, by control and by status as it reads on `today` (the
     * rows come as stored: the service applies the read-time rule to them).
     */
    async page(engagementId: string, filter: FindingFilter & { today: string }, page: Page, trx?: Executor): Promise<Paged<StoredFinding>> {
      const executor = trx ?? db;
      let query = executor
        .selectFrom('findings')
        .leftJoin('root_causes', 'root_causes.id', 'findings.root_cause_id')
        .where('findings.engagement_id', '=', engagementId);
      if (filter.control !== undefined) query = query.where('findings.control_code', '=', filter.control);
      const status = filter.status;
      if (status !== undefined) query = query.where(() => statusAsOf(executor, status, filter.today));
      return selectPage(
        query,
        page,
        (q) => q.select([...findingColumns, 'root_causes.code as root_cause_code']).orderBy('findings.code'),
        toStoredFinding,
      );
    },

    /**
     * Writes the finding whole if `expectedVersion` is still current; else ConflictError and no change. Its
     * root cause is named by code and must exist in the engagement (see `saveRootCause`).
     */
    async update(engagementId: string, expectedVersion: number, finding: Finding, trx?: Executor): Promise<StoredFinding> {
      const executor = trx ?? db;
      // The significant-incident rule reads the status of a monitoring finding (a regression) and of a marked one
      // (a false positive is none): the engine reads it (docs/system-description.md), so a change of that status
      // leaves the engagement's cached evaluation of an earlier state.
      const prior = await executor
        .selectFrom('findings')
        .select(['status', 'significant_incident'])
        .where('engagement_id', '=', engagementId)
        .where('code', '=', finding.code)
        .executeTakeFirst();
      const readByIncidents = finding.source === 'monitoring' || finding.significantIncident === true || fromBooleanInt(prior?.significant_incident ?? 0);
      if (prior !== undefined && prior.status !== finding.status && readByIncidents) await bumpRevision(executor, { engagementId });
      const result = await executor
        .updateTable('findings')
        .set((eb) => ({
          ...mutableValues(finding),
          root_cause_id: rootCauseRef(executor, engagementId, finding.rootCause),
          version: eb('version', '+', 1),
        }))
        .where('engagement_id', '=', engagementId)
        .where('code', '=', finding.code)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw await staleFinding(executor, engagementId, finding.code, expectedVersion);
      return (await findByCode(engagementId, finding.code, executor)) as StoredFinding;
    },

    /**
     * Marks a finding as a significant incident the system description must disclose, or not, at the finding's
     * version, and the change to what the engine reads; returns its new version. Stale or missing: ConflictError
     * or NotFoundError, and no change.
     */
    async markSignificantIncident(engagementId: string, code: string, expectedVersion: number, significant: boolean, trx: Executor): Promise<number> {
      await bumpRevision(trx, { engagementId });
      const result = await trx
        .updateTable('findings')
        .set((eb) => ({ significant_incident: toBooleanInt(significant), version: eb('version', '+', 1) }))
        .where('engagement_id', '=', engagementId)
        .where('code', '=', code)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw await staleFinding(trx, engagementId, code, expectedVersion);
      return expectedVersion + 1;
    },

    findRootCause,

    async listRootCauses(engagementId: string, trx?: Executor): Promise<StoredRootCause[]> {
      const rows = await (trx ?? db)
        .selectFrom('root_causes')
        .select(rootCauseColumns)
        .where('engagement_id', '=', engagementId)
        .orderBy('code')
        .execute();
      return rows.map(toStoredRootCause);
    },

    /** A page of the engagement's root causes in code order, each with the codes of the findings traced to it. */
    async pageRootCauses(engagementId: string, page: Page, trx?: Executor): Promise<Paged<RootCauseWithFindings>> {
      const executor = trx ?? db;
      const query = executor.selectFrom('root_causes').where('engagement_id', '=', engagementId);
      const { items: rows, total } = await selectPage(query, page, (q) => q.select(rootCauseColumns).orderBy('code'), (row) => row);
      // The findings of this page's causes only: at most a page of ids.
      const traced =
        rows.length === 0
          ? []
          : await executor
              .selectFrom('findings')
              .select(['code', 'root_cause_id'])
              .where('engagement_id', '=', engagementId)
              .where('root_cause_id', 'in', rows.map((r) => r.id))
              .orderBy('code')
              .execute();
      const byCause = new Map<string, string[]>(rows.map((r) => [r.id, []]));
      for (const finding of traced) byCause.get(finding.root_cause_id as string)?.push(finding.code);
      return { items: rows.map((row) => ({ ...toStoredRootCause(row), findings: byCause.get(row.id) ?? [] })), total };
    },

    /**
     * Rewrites the text of the root cause of this code at `expectedVersion` (shared by every finding traced to
     * it); a stale version is a ConflictError and nothing changes.
     */
    async rewriteRootCause(engagementId: string, rootCause: RootCause, expectedVersion: number, trx?: Executor): Promise<StoredRootCause> {
      const executor = trx ?? db;
      const updated = await executor
        .updateTable('root_causes')
        .set((eb) => ({ title: rootCause.title, category: rootCause.category, whys: toJson(rootCause.whys), version: eb('version', '+', 1) }))
        .where('engagement_id', '=', engagementId)
        .where('code', '=', rootCause.id)
        .where('version', '=', expectedVersion)
        .returning(rootCauseColumns)
        .executeTakeFirst();
      if (updated) return toStoredRootCause(updated);
      throw staleOrMissing(`Root cause ${rootCause.id}`, expectedVersion, (await findRootCause(engagementId, rootCause.id, executor))?.version);
    },

    /**
     * Adds the root cause, or rewrites the one of the same code whatever its version: for imports that replace
     * an engagement's findings whole. A person's change goes through `rewriteRootCause`.
     */
    async saveRootCause(engagementId: string, rootCause: RootCause, trx?: Executor): Promise<StoredRootCause> {
      const executor = trx ?? db;
      const values = { title: rootCause.title, category: rootCause.category, whys: toJson(rootCause.whys) };
      const updated = await executor
        .updateTable('root_causes')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('engagement_id', '=', engagementId)
        .where('code', '=', rootCause.id)
        .returning(rootCauseColumns)
        .executeTakeFirst();
      if (updated) return toStoredRootCause(updated);
      const created = await translateConstraintErrors(
        () =>
          executor
            .insertInto('root_causes')
            .values({
              id: deps.newId(),
              engagement_id: engagementId,
              code: rootCause.id,
              ...values,
              created_at: toTimestamp(deps.clock()),
            })
            .returning(rootCauseColumns)
            .executeTakeFirstOrThrow(),
        `Root cause ${rootCause.id} already exists in the engagement`,
        `Engagement ${engagementId}`,
      );
      return toStoredRootCause(created);
    },
  };
}
