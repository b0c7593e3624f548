/**
 * The risk register of an engagement (migration 2026120630_risks_vendors): risks named by their code there
 * (`R-001`), each change at the risk's `version` (optimistic concurrency).
 */
import type { Selectable } from 'kysely';
import type { Risk, RiskTreatment } from '../domain/risks/index.js';
import type { VendorRiskReason } from '../domain/vendors/index.js';
import type { RisksTable } from './risks-schema.js';
import { defaultDependencies, fromJson, staleOrMissing, toJson, toTimestamp, translateConstraintErrors, type Executor, type StoreDependencies } from './values.js';

/** The vendor's report a risk was raised for, and why. */
export interface VendorLink {
  vendor: string;
  report: string;
  reason: VendorRiskReason;
}

export interface StoredRisk extends Risk {
  /** Set when a vendor's SOC 2 report raised the risk. */
  raisedBy: VendorLink | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const columns = [
  'code',
  'title',
  'scenario',
  'owner',
  'category',
  'likelihood',
  'impact',
  'treatment',
  'controls',
  'criteria',
  'findings',
  'acceptance_approver',
  'acceptance_reason',
  'acceptance_expires_on',
  'last_reviewed_on',
  'next_review_on',
  'vendor_code',
  'vendor_report_id',
  'vendor_reason',
  'created_at',
  'updated_at',
  'version',
] as const;

type Row = Omit<Selectable<RisksTable>, 'id' | 'engagement_id'>;

function toStored(row: Row): StoredRisk {
  const { acceptance_approver: approver, acceptance_reason: reason, acceptance_expires_on: expiresOn } = row;
  return {
    code: row.code,
    title: row.title,
    scenario: row.scenario,
    owner: row.owner,
    category: row.category,
    likelihood: Number(row.likelihood),
    impact: Number(row.impact),
    treatment: row.treatment as RiskTreatment,
    controls: fromJson<string[]>(row.controls),
    criteria: fromJson<string[]>(row.criteria),
    findings: fromJson<string[]>(row.findings),
    acceptance: approver !== null && reason !== null && expiresOn !== null ? { approver, reason, expiresOn } : null,
    lastReviewedOn: row.last_reviewed_on,
    nextReviewOn: row.next_review_on,
    raisedBy:
      row.vendor_code !== null && row.vendor_report_id !== null && row.vendor_reason !== null
        ? { vendor: row.vendor_code, report: row.vendor_report_id, reason: row.vendor_reason as VendorRiskReason }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

function values(risk: Risk) {
  return {
    title: risk.title,
    scenario: risk.scenario,
    owner: risk.owner,
    category: risk.category,
    likelihood: risk.likelihood,
    impact: risk.impact,
    treatment: risk.treatment,
    controls: toJson(risk.controls),
    criteria: toJson(risk.criteria),
    findings: toJson(risk.findings),
    acceptance_approver: risk.acceptance?.approver ?? null,
    acceptance_reason: risk.acceptance?.reason ?? null,
    acceptance_expires_on: risk.acceptance?.expiresOn ?? null,
    last_reviewed_on: risk.lastReviewedOn,
    next_review_on: risk.nextReviewOn,
  };
}

/**
 * The next free code of a register: the prefix and one more than the count of `codes`, past any taken, the
 * number zero-padded to three digits so that codes sort as text up to 999 (R-001, V-001).
 */
export function nextFreeCode(prefix: string, codes: readonly string[]): string {
  const taken = new Set(codes);
  const code = (n: number) => `${prefix}-${String(n).padStart(3, '0')}`;
  let n = codes.length + 1;
  while (taken.has(code(n))) n += 1;
  return code(n);
}

export type RisksRepository = ReturnType<typeof createRisksRepository>;

export function createRisksRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  async function find(engagementId: string, code: string, trx?: Executor): Promise<StoredRisk | null> {
    const row = await (trx ?? db).selectFrom('risks').select(columns).where('engagement_id', '=', engagementId).where('code', '=', code).executeTakeFirst();
    return row ? toStored(row) : null;
  }

  return {
    find,

    /** Every risk of the engagement, in the order of their codes. */
    async list(engagementId: string, trx?: Executor): Promise<StoredRisk[]> {
      const rows = await (trx ?? db).selectFrom('risks').select(columns).where('engagement_id', '=', engagementId).orderBy('code').execute();
      return rows.map(toStored);
    },

    /** The next free code of the engagement: one more than the count of its risks, past any taken. */
    async nextCode(engagementId: string, trx?: Executor): Promise<string> {
      const rows = await (trx ?? db).selectFrom('risks').select('code').where('engagement_id', '=', engagementId).execute();
      return nextFreeCode('R', rows.map((r) => r.code));
    },

    /** A new risk (raised by a vendor's report when `raisedBy` says so); its code taken already is a ConflictError, an unknown engagement NotFound. */
    async create(engagementId: string, risk: Risk, trx?: Executor, raisedBy: VendorLink | null = null): Promise<StoredRisk> {
      const executor = trx ?? db;
      const now = toTimestamp(deps.clock());
      await translateConstraintErrors(
        () =>
          executor
            .insertInto('risks')
            .values({
              id: deps.newId(),
              engagement_id: engagementId,
              code: risk.code,
              ...values(risk),
              vendor_code: raisedBy?.vendor ?? null,
              vendor_report_id: raisedBy?.report ?? null,
              vendor_reason: raisedBy?.reason ?? null,
              created_at: now,
              updated_at: now,
            })
            .execute(),
        `Risk ${risk.code} exists already`,
        `Engagement ${engagementId}`,
      );
      return (await find(engagementId, risk.code, executor)) as StoredRisk;
    },

    /** Writes the risk whole if `expectedVersion` is still current; else ConflictError (or NotFound) and no change. */
    async update(engagementId: string, expectedVersion: number, risk: Risk, trx?: Executor): Promise<StoredRisk> {
      const executor = trx ?? db;
      const result = await executor
        .updateTable('risks')
        .set((eb) => ({ ...values(risk), updated_at: toTimestamp(deps.clock()), version: eb('version', '+', 1) }))
        .where('engagement_id', '=', engagementId)
        .where('code', '=', risk.code)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw staleOrMissing(`Risk ${risk.code}`, expectedVersion, (await find(engagementId, risk.code, executor))?.version);
      return (await find(engagementId, risk.code, executor)) as StoredRisk;
    },
  };
}
