/**
 * Findings and root causes of an engagement. A finding is stored as the domain's `Finding` with its
 * lists and judgments as JSON text, read and written whole; its root cause is a row of `root_causes` that
 * many findings can share, named in the domain by its code (`RC-1`). The finding's `version` guards every
 * change (optimistic concurrency).
 */
import type { Selectable } from 'kysely';
import type {
  Classification,
  CorrectiveAction,
  Deviation,
  Finding,
  FindingSource,
  FindingStatus,
  Retest,
  RiskAcceptance,
  RootCause,
  RootCauseCategory,
  StatusChange,
} from '../domain/findings/index.js';
import type { FindingsTable, RootCausesTable } from './schema.js';
import {
  defaultDependencies,
  fromJson,
  fromJsonOrNull,
  staleOrMissing,
  toJson,
  toJsonOrNull,
  toTimestamp,
  translateConstraintErrors,
  type Executor,
  type StoreDependencies,
} from './values.js';

export interface StoredFinding extends Finding {
  engagementId: string;
  createdAt: string;
  version: number;
}

export interface StoredRootCause extends RootCause {
  engagementId: string;
  version: number;
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
  'findings.created_at',
  'findings.version',
] as const;

const rootCauseColumns = ['id', 'engagement_id', 'code', 'title', 'category', 'whys', 'version'] as const;

type FindingRow = Omit<Selectable<FindingsTable>, 'id' | 'root_cause_id'> & { root_cause_code: string | null };

function toStoredFinding(row: FindingRow): StoredFinding {
  return {
    id: row.code,
    engagementId: row.engagement_id,
    title: row.title,
    description: row.description,
    source: row.source as FindingSource,
    control: row.control_code,
    criteria: fromJson<string[]>(row.criteria),
    classification: fromJson<Classification>(row.classification),
    status: row.status as FindingStatus,
    identifiedOn: row.identified_on,
    deviations: fromJson<Deviation[]>(row.deviations),
    rootCause: row.root_cause_code,
    correctiveActions: fromJson<CorrectiveAction[]>(row.corrective_actions),
    retests: fromJson<Retest[]>(row.retests),
    riskAcceptance: fromJsonOrNull<RiskAcceptance>(row.risk_acceptance),
    falsePositiveReason: row.false_positive_reason,
    history: fromJson<StatusChange[]>(row.history),
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
    deviations: toJson(finding.deviations),
    corrective_actions: toJson(finding.correctiveActions),
    retests: toJson(finding.retests),
    risk_acceptance: toJsonOrNull(finding.riskAcceptance),
    false_positive_reason: finding.falsePositiveReason,
    history: toJson(finding.history),
  };
}

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
              code: finding.id,
              ...mutableValues(finding),
              root_cause_id: rootCauseRef(executor, engagementId, finding.rootCause),
              created_at: toTimestamp(deps.clock()),
            })
            .execute(),
        `Finding ${finding.id} already exists in the engagement`,
        `Engagement ${engagementId}`,
      );
      return (await findByCode(engagementId, finding.id, executor)) as StoredFinding;
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
     * Writes the finding whole if `expectedVersion` is still current; else ConflictError and no change. Its
     * root cause is named by code and must exist in the engagement (see `saveRootCause`).
     */
    async update(engagementId: string, expectedVersion: number, finding: Finding, trx?: Executor): Promise<StoredFinding> {
      const executor = trx ?? db;
      const result = await executor
        .updateTable('findings')
        .set((eb) => ({
          ...mutableValues(finding),
          root_cause_id: rootCauseRef(executor, engagementId, finding.rootCause),
          version: eb('version', '+', 1),
        }))
        .where('engagement_id', '=', engagementId)
        .where('code', '=', finding.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) {
        const current = await executor
          .selectFrom('findings')
          .select('version')
          .where('engagement_id', '=', engagementId)
          .where('code', '=', finding.id)
          .executeTakeFirst();
        throw staleOrMissing(`Finding ${finding.id}`, expectedVersion, current?.version);
      }
      return (await findByCode(engagementId, finding.id, executor)) as StoredFinding;
    },

    async findRootCause(engagementId: string, code: string, trx?: Executor): Promise<StoredRootCause | null> {
      const row = await (trx ?? db)
        .selectFrom('root_causes')
        .select(rootCauseColumns)
        .where('engagement_id', '=', engagementId)
        .where('code', '=', code)
        .executeTakeFirst();
      return row ? toStoredRootCause(row) : null;
    },

    async listRootCauses(engagementId: string, trx?: Executor): Promise<StoredRootCause[]> {
      const rows = await (trx ?? db)
        .selectFrom('root_causes')
        .select(rootCauseColumns)
        .where('engagement_id', '=', engagementId)
        .orderBy('code')
        .execute();
      return rows.map(toStoredRootCause);
    },

    /** Adds the root cause, or rewrites the one of the same code (shared by every finding traced to it). */
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
