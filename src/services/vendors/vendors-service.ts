/**
 * The vendors of an engagement (CC9.2): the inventory and its reviews, each vendor's SOC 2 reports with the
 * CUECs they expect of us (each mapped to one of our controls, or a gap), and the risks those reports raise
 * (src/domain/vendors): a modified opinion, exceptions or an expired report raises one risk per report and
 * reason into the register, linked back to the vendor. Kept by the programme (vendor.manage), read by everyone.
 */
import {
  NotFoundError,
  ValidationError,
  isoDate,
  jsonPath,
  locateProblems,
  periodProblems,
  reportRiskReasons,
  vendorReviewOverdue,
  vendorRisk,
  type Vendor,
  type VendorReport,
  type VendorRiskReason,
} from '../../domain/index.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import { nextFreeCode, type RisksRepository } from '../../store/risks-repository.js';
import type { StoredVendor, StoredVendorReport, VendorsRepository } from '../../store/vendors-repository.js';
import type { Executor, Trx } from '../../store/values.js';
import { at, type EngagementScope } from '../engagements/engagement-scope.js';
import { signatureOf } from '../findings/work.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';

export type VendorInput = Omit<Vendor, 'code'>;
export type VendorReportInput = Omit<VendorReport, 'id'>;

export interface VendorReportView extends StoredVendorReport {
  /** Why the report raises a risk as of today (none: it does not). */
  reasons: VendorRiskReason[];
  /** CUECs not mapped to a control of ours. */
  gaps: number;
}

export interface VendorView extends StoredVendor {
  reviewOverdue: boolean;
  reports: VendorReportView[];
  /** The codes of the risks the vendor's reports raised. */
  risks: string[];
}

/** What adding and changing vendors and recording their reports read and write. */
export interface VendorRecording {
  vendors: Pick<VendorsRepository, 'find' | 'create' | 'update' | 'nextCode' | 'addReport'>;
  risks: Pick<RisksRepository, 'list' | 'create'>;
  controls: Pick<ControlsRepository, 'list'>;
  audit: AuditLog;
  clock: () => Date;
}

/** The engagement a change is made in, and who by. */
export interface VendorTarget {
  actor: Actor;
  organizationId: string;
  engagementId: string;
}

/** The register's codes and the report × reason pairs it holds a risk for, as {@link raise} reads and keeps them. */
export interface RaisedRegister {
  codes: string[];
  raised: Set<string>;
}

const vendorSubject = (engagementId: string, code: string) => `vendor:${engagementId}/${code}`;

/** The key of the risk a report raised for a reason: one per pair, never two. */
const raisedKey = (report: string, reason: VendorRiskReason) => `${report}/${reason}`;

async function requireVendor(vendors: Pick<VendorsRepository, 'find'>, engagementId: string, code: string, trx?: Executor): Promise<StoredVendor> {
  const vendor = await vendors.find(engagementId, code, trx);
  if (!vendor) throw new NotFoundError(`Vendor ${code}`);
  return vendor;
}

/** The register's codes and the report × reason pairs it holds a risk for, read once per change and kept up to date by {@link raise}. */
export async function registerOf(risks: Pick<RisksRepository, 'list'>, engagementId: string, trx: Trx): Promise<RaisedRegister> {
  const all = await risks.list(engagementId, trx);
  return { codes: all.map((r) => r.code), raised: new Set(all.flatMap((r) => (r.raisedBy ? [raisedKey(r.raisedBy.report, r.raisedBy.reason)] : []))) };
}

/**
 * Raises the risks the vendor's report calls for as of today, each once: a risk raised before for the same
 * report and reason is left as it is (people may have worked on it). Resolves to the codes of those raised now.
 */
async function raise(deps: VendorRecording, target: VendorTarget, vendor: Vendor, report: VendorReport, register: RaisedRegister, trx: Trx): Promise<string[]> {
  const { actor, organizationId, engagementId } = target;
  const raised: string[] = [];
  for (const reason of reportRiskReasons(report, isoDate(deps.clock()))) {
    const key = raisedKey(report.id, reason);
    if (register.raised.has(key)) continue;
    const code = nextFreeCode('R', register.codes);
    const risk = await deps.risks.create(engagementId, { code, ...vendorRisk(vendor, report, reason) }, trx, { vendor: vendor.code, report: report.id, reason });
    await deps.audit.record(trx, actor, { type: 'risk.created', organizationId, subject: `risk:${engagementId}/${code}`, after: risk });
    register.codes.push(code);
    register.raised.add(key);
    raised.push(code);
  }
  return raised;
}

async function checkReport(controls: VendorRecording['controls'], engagementId: string, report: VendorReportInput, trx: Trx) {
  const issues = locateProblems(periodProblems(report), jsonPath);
  const codes = [...new Set(report.cuecs.flatMap((c) => (c.control === null ? [] : [c.control])))];
  const found = codes.length === 0 ? [] : (await controls.list(engagementId, { limit: codes.length, offset: 0, codes, archived: 'include' }, trx)).items;
  const held = new Set(found.map((c) => c.id));
  report.cuecs.forEach((cuec, i) => {
    if (cuec.control !== null && !held.has(cuec.control)) {
      issues.push({ location: at('cuecs', i, 'control'), message: `${cuec.control} is not a control of the engagement` });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues, 'The report is not valid');
}

/** Adds a vendor in the caller's transaction, audited as `vendor.created`; its code the next of the inventory unless given. */
export async function addVendor(deps: VendorRecording, trx: Trx, target: VendorTarget, input: VendorInput, code?: string): Promise<StoredVendor> {
  const { actor, organizationId, engagementId } = target;
  const vendor = await deps.vendors.create(engagementId, { ...input, code: code ?? (await deps.vendors.nextCode(engagementId, trx)) }, trx);
  await deps.audit.record(trx, actor, { type: 'vendor.created', organizationId, subject: vendorSubject(engagementId, vendor.code), after: vendor });
  return vendor;
}

/** Changes the vendor at `version` in the caller's transaction, audited as `vendor.updated` with the vendor before. */
export async function changeVendor(deps: VendorRecording, trx: Trx, target: VendorTarget, code: string, version: number, input: VendorInput): Promise<StoredVendor> {
  const { actor, organizationId, engagementId } = target;
  const before = await requireVendor(deps.vendors, engagementId, code, trx);
  const after = await deps.vendors.update(engagementId, version, { ...input, code }, trx);
  await deps.audit.record(trx, actor, { type: 'vendor.updated', organizationId, subject: vendorSubject(engagementId, code), before, after });
  return after;
}

/** Adds a report to the vendor in the caller's transaction, its period and CUECs' controls checked; raises nothing yet (see {@link reportRecorded}). */
export async function addVendorReport(deps: VendorRecording, trx: Trx, target: VendorTarget, code: string, input: VendorReportInput): Promise<{ vendor: StoredVendor; report: StoredVendorReport }> {
  const vendor = await requireVendor(deps.vendors, target.engagementId, code, trx);
  await checkReport(deps.controls, target.engagementId, input, trx);
  return { vendor, report: await deps.vendors.addReport(target.engagementId, code, input, signatureOf(target.actor), trx) };
}

/** Raises the risks a report just added calls for (none that `register` holds already) and audits it as `vendor.report_recorded`. */
export async function reportRecorded(deps: VendorRecording, trx: Trx, target: VendorTarget, vendor: Vendor, report: StoredVendorReport, register: RaisedRegister): Promise<string[]> {
  const { actor, organizationId, engagementId } = target;
  const raised = await raise(deps, target, vendor, report, register, trx);
  await deps.audit.record(trx, actor, { type: 'vendor.report_recorded', organizationId, subject: vendorSubject(engagementId, vendor.code), after: { ...report, vendor: vendor.code, raised } });
  return raised;
}

export function createVendorsService(deps: VendorRecording & { db: Executor; vendors: VendorsRepository; lookup: EngagementScope; access: Access }) {
  const { db, vendors, risks, lookup, access, clock } = deps;

  return {
    /** The engagement's vendors, each with its reports, what they raise, and whether its review is late. */
    async list(actor: Actor, organizationId: string, engagementId: string): Promise<{ today: string; vendors: VendorView[] }> {
      await access.require(actor, organizationId, 'vendor.read');
      await lookup.engagement(organizationId, engagementId);
      const today = isoDate(clock());
      const [all, reports, register] = await Promise.all([vendors.list(engagementId), vendors.reports(engagementId), risks.list(engagementId)]);
      return {
        today,
        vendors: all.map((vendor) => ({
          ...vendor,
          reviewOverdue: vendorReviewOverdue(vendor, today),
          reports: (reports.get(vendor.code) ?? []).map((r) => ({ ...r, reasons: reportRiskReasons(r, today), gaps: r.cuecs.filter((c) => c.control === null).length })),
          risks: register.filter((r) => r.raisedBy?.vendor === vendor.code).map((r) => r.code),
        })),
      };
    },

    /** A new vendor, given the next code of the inventory (V-001, …) unless `code` is given (a workspace's file keeps its own). */
    async create(actor: Actor, organizationId: string, engagementId: string, input: VendorInput, code?: string): Promise<StoredVendor> {
      await access.require(actor, organizationId, 'vendor.manage');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        return addVendor(deps, trx, { actor, organizationId, engagementId }, input, code);
      });
    },

    async update(actor: Actor, organizationId: string, engagementId: string, code: string, version: number, input: VendorInput): Promise<StoredVendor> {
      await access.require(actor, organizationId, 'vendor.manage');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        return changeVendor(deps, trx, { actor, organizationId, engagementId }, code, version, input);
      });
    },

    /** Records a vendor's SOC 2 report and raises the risks it calls for, in one transaction. */
    async recordReport(actor: Actor, organizationId: string, engagementId: string, code: string, input: VendorReportInput): Promise<{ report: StoredVendorReport; raised: string[] }> {
      await access.require(actor, organizationId, 'vendor.manage');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const target = { actor, organizationId, engagementId };
        const { vendor, report } = await addVendorReport(deps, trx, target, code, input);
        return { report, raised: await reportRecorded(deps, trx, target, vendor, report, await registerOf(risks, engagementId, trx)) };
      });
    },

    /**
     * Looks at every report again as of today, raising what time has made due (a report that has since expired);
     * what was raised before is not raised twice. Resolves to the codes of the risks raised now.
     */
    async assess(actor: Actor, organizationId: string, engagementId: string): Promise<string[]> {
      await access.require(actor, organizationId, 'vendor.manage');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const reports = await vendors.reports(engagementId, trx);
        const register = await registerOf(risks, engagementId, trx);
        const raised: string[] = [];
        for (const vendor of await vendors.list(engagementId, trx)) {
          for (const report of reports.get(vendor.code) ?? []) raised.push(...(await raise(deps, { actor, organizationId, engagementId }, vendor, report, register, trx)));
        }
        return raised;
      });
    },
  };
}

export type VendorsService = ReturnType<typeof createVendorsService>;
