/**
 * The vendors of an engagement and their SOC 2 reports (migration 2026120630_risks_vendors). Vendors change
 * at their `version`; reports are only ever added: they are evidence.
 */
import type { Selectable } from 'kysely';
import { NotFoundError } from '../domain/errors.js';
import type { OpinionKind } from '../domain/evaluation/result.js';
import type { Cuec, Vendor, VendorCriticality, VendorReport } from '../domain/vendors/index.js';
import { nextFreeCode } from './risks-repository.js';
import type { VendorReportsTable, VendorsTable } from './risks-schema.js';
import {
  defaultDependencies,
  fromBooleanInt,
  fromJson,
  staleOrMissing,
  toBooleanInt,
  toJson,
  toTimestamp,
  translateConstraintErrors,
  type Executor,
  type StoreDependencies,
} from './values.js';

export interface StoredVendorReport extends VendorReport {
  recordedAt: string;
  recordedBy: string;
}

export interface StoredVendor extends Vendor {
  createdAt: string;
  updatedAt: string;
  version: number;
}

const vendorColumns = [
  'vendors.code',
  'vendors.name',
  'vendors.service',
  'vendors.criticality',
  'vendors.data',
  'vendors.subprocessor',
  'vendors.owner',
  'vendors.last_reviewed_on',
  'vendors.next_review_on',
  'vendors.created_at',
  'vendors.updated_at',
  'vendors.version',
] as const;

const reportColumns = [
  'vendor_reports.id',
  'vendor_reports.period_start',
  'vendor_reports.period_end',
  'vendor_reports.opinion',
  'vendor_reports.exceptions',
  'vendor_reports.cuecs',
  'vendor_reports.recorded_at',
  'vendor_reports.recorded_by',
] as const;

function toVendor(row: Omit<Selectable<VendorsTable>, 'id' | 'engagement_id'>): StoredVendor {
  return {
    code: row.code,
    name: row.name,
    service: row.service,
    criticality: row.criticality as VendorCriticality,
    data: row.data,
    subprocessor: fromBooleanInt(row.subprocessor),
    owner: row.owner,
    lastReviewedOn: row.last_reviewed_on,
    nextReviewOn: row.next_review_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

function toReport(row: Omit<Selectable<VendorReportsTable>, 'vendor_id'>): StoredVendorReport {
  return {
    id: row.id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    opinion: row.opinion as OpinionKind,
    exceptions: Number(row.exceptions),
    cuecs: fromJson<Cuec[]>(row.cuecs),
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

function values(vendor: Vendor) {
  return {
    name: vendor.name,
    service: vendor.service,
    criticality: vendor.criticality,
    data: vendor.data,
    subprocessor: toBooleanInt(vendor.subprocessor),
    owner: vendor.owner,
    last_reviewed_on: vendor.lastReviewedOn,
    next_review_on: vendor.nextReviewOn,
  };
}

export type VendorsRepository = ReturnType<typeof createVendorsRepository>;

export function createVendorsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const vendorRef = (executor: Executor, engagementId: string, code: string) =>
    executor.selectFrom('vendors').select('vendors.id').where('vendors.engagement_id', '=', engagementId).where('vendors.code', '=', code);

  async function find(engagementId: string, code: string, trx?: Executor): Promise<StoredVendor | null> {
    const row = await (trx ?? db).selectFrom('vendors').select(vendorColumns).where('engagement_id', '=', engagementId).where('code', '=', code).executeTakeFirst();
    return row ? toVendor(row) : null;
  }

  return {
    find,

    /** Every vendor of the engagement, in the order of their codes. */
    async list(engagementId: string, trx?: Executor): Promise<StoredVendor[]> {
      const rows = await (trx ?? db).selectFrom('vendors').select(vendorColumns).where('engagement_id', '=', engagementId).orderBy('code').execute();
      return rows.map(toVendor);
    },

    /** Every report of the engagement's vendors, by vendor code, each vendor's by the end of their period, then as recorded. */
    async reports(engagementId: string, trx?: Executor): Promise<Map<string, StoredVendorReport[]>> {
      const rows = await (trx ?? db)
        .selectFrom('vendor_reports')
        .innerJoin('vendors', 'vendors.id', 'vendor_reports.vendor_id')
        .select([...reportColumns, 'vendors.code as vendor_code'])
        .where('vendors.engagement_id', '=', engagementId)
        .orderBy('vendors.code')
        .orderBy('vendor_reports.period_end')
        .orderBy('vendor_reports.recorded_at')
        .orderBy('vendor_reports.id')
        .execute();
      const byVendor = new Map<string, StoredVendorReport[]>();
      for (const row of rows) byVendor.set(row.vendor_code, [...(byVendor.get(row.vendor_code) ?? []), toReport(row)]);
      return byVendor;
    },

    /** The next free code: one more than the count of the engagement's vendors, past any taken. */
    async nextCode(engagementId: string, trx?: Executor): Promise<string> {
      const rows = await (trx ?? db).selectFrom('vendors').select('code').where('engagement_id', '=', engagementId).execute();
      return nextFreeCode('V', rows.map((r) => r.code));
    },

    async create(engagementId: string, vendor: Vendor, trx?: Executor): Promise<StoredVendor> {
      const executor = trx ?? db;
      const now = toTimestamp(deps.clock());
      await translateConstraintErrors(
        () => executor.insertInto('vendors').values({ id: deps.newId(), engagement_id: engagementId, code: vendor.code, ...values(vendor), created_at: now, updated_at: now }).execute(),
        `Vendor ${vendor.code} exists already`,
        `Engagement ${engagementId}`,
      );
      return (await find(engagementId, vendor.code, executor)) as StoredVendor;
    },

    /** Writes the vendor whole if `expectedVersion` is still current; else ConflictError (or NotFound) and no change. */
    async update(engagementId: string, expectedVersion: number, vendor: Vendor, trx?: Executor): Promise<StoredVendor> {
      const executor = trx ?? db;
      const result = await executor
        .updateTable('vendors')
        .set((eb) => ({ ...values(vendor), updated_at: toTimestamp(deps.clock()), version: eb('version', '+', 1) }))
        .where('engagement_id', '=', engagementId)
        .where('code', '=', vendor.code)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw staleOrMissing(`Vendor ${vendor.code}`, expectedVersion, (await find(engagementId, vendor.code, executor))?.version);
      return (await find(engagementId, vendor.code, executor)) as StoredVendor;
    },

    /** Adds a report to the vendor (reports are never changed afterwards). */
    async addReport(engagementId: string, vendorCode: string, report: Omit<VendorReport, 'id'>, recordedBy: string, trx?: Executor): Promise<StoredVendorReport> {
      const executor = trx ?? db;
      const vendor = await vendorRef(executor, engagementId, vendorCode).executeTakeFirst();
      if (!vendor) throw new NotFoundError(`Vendor ${vendorCode}`);
      const stored: StoredVendorReport = { id: deps.newId(), ...report, recordedAt: toTimestamp(deps.clock()), recordedBy };
      await executor
        .insertInto('vendor_reports')
        .values({
          id: stored.id,
          vendor_id: vendor.id,
          period_start: stored.periodStart,
          period_end: stored.periodEnd,
          opinion: stored.opinion,
          exceptions: stored.exceptions,
          cuecs: toJson(stored.cuecs),
          recorded_at: stored.recordedAt,
          recorded_by: stored.recordedBy,
        })
        .execute();
      return stored;
    },
  };
}
