/**
 * What management states beside the examination, carried by a workspace import in its transaction: the system
 * description, the risk register and the vendors with their SOC 2 reports. They are recorded through the same steps
 * as the app records them (each checked, each audited), so an import is what a person entering them would leave.
 *
 * Over an engagement that has them already, nothing is overwritten silently and nothing is erased:
 * - the description becomes the workspace's as its next version, the one it replaces kept in the audit log
 *   (`description.updated`); a workspace without `description.yaml` leaves it as it is;
 * - a risk or vendor of the same code is changed to the workspace's at its version (`risk.updated`,
 *   `vendor.updated`, the record before in the event); one the workspace does not list is kept;
 * - a vendor's SOC 2 report is evidence, only ever added: a recorded report the workspace drops or changes refuses
 *   the import, naming it; a report the workspace adds is recorded and raises the risks it calls for.
 * Each of these is said in the import's notes.
 */
import { isDeepStrictEqual } from 'node:util';
import { ConflictError, ValidationError, type Issue, type Risk, type Vendor, type VendorReport } from '../../domain/index.js';
import { counted } from '../../domain/words.js';
import type { StoredVendorReport } from '../../store/vendors-repository.js';
import type { Executor, Trx } from '../../store/values.js';
import type { WorkspaceRegister } from '../../workspace/register.js';
import type { WorkspaceStatements } from '../../workspace/write.js';
import { saveDescription, type DescriptionRecording } from '../description/description-service.js';
import { addRisk, changeRisk, type RiskRecording } from '../risks/risks-service.js';
import {
  addVendor,
  addVendorReport,
  changeVendor,
  registerOf,
  reportRecorded,
  type VendorRecording,
  type VendorTarget,
} from '../vendors/vendors-service.js';
import type { VendorsRepository } from '../../store/vendors-repository.js';
import { at } from './engagement-scope.js';

export interface StatementsCounts {
  /** Whether the workspace has a system description. */
  description: boolean;
  risks: number;
  vendors: number;
  /** The vendors' SOC 2 reports the import recorded now (those recorded before are not counted). */
  vendorReports: number;
}

type Recording = DescriptionRecording &
  RiskRecording &
  VendorRecording & {
    risks: RiskRecording['risks'] & VendorRecording['risks'];
    vendors: VendorRecording['vendors'] & Pick<VendorsRepository, 'list' | 'reports'>;
  };

const REPORT_FIELDS = ['periodStart', 'periodEnd', 'opinion', 'exceptions', 'cuecs'] as const;
const sameReport = (a: Omit<VendorReport, 'id'>, b: Omit<VendorReport, 'id'>) => REPORT_FIELDS.every((field) => isDeepStrictEqual(a[field], b[field]));

const RISK_FIELDS = ['title', 'scenario', 'owner', 'category', 'likelihood', 'impact', 'treatment', 'controls', 'criteria', 'findings', 'acceptance', 'lastReviewedOn', 'nextReviewOn'] as const;
const riskInput = (risk: Risk) => Object.fromEntries(RISK_FIELDS.map((field) => [field, risk[field]])) as Omit<Risk, 'code'>;

export function createStatementsImport(deps: Recording) {
  /** The description: the workspace's as the next version, unless it is the one recorded. */
  async function recordDescription(trx: Trx, target: VendorTarget, statements: WorkspaceStatements, notes: string[]) {
    const { actor, organizationId, engagementId } = target;
    const stored = await deps.descriptions.find(engagementId, trx);
    if (statements.description === undefined) {
      if (stored) notes.push(`The workspace has no description.yaml: the engagement's system description (version ${stored.version}) was kept.`);
      return;
    }
    if (stored && isDeepStrictEqual(stored.description, statements.description)) return;
    const { saved } = await saveDescription(deps, trx, actor, organizationId, engagementId, stored?.version ?? 0, statements.description);
    if (stored) notes.push(`The system description is the workspace's now (version ${saved.version}); version ${stored.version}, which it replaces, is kept in the audit log.`);
  }

  /**
   * The vendors and their new reports, then the risks (a risk raised by a report links to it, so the reports come
   * first), then what the new reports raise that no risk of the register answers already.
   */
  async function recordRegister(trx: Trx, target: VendorTarget, register: WorkspaceRegister, controls: ReadonlySet<string>, notes: string[]) {
    const { engagementId } = target;
    const storedVendors = new Map((await deps.vendors.list(engagementId, trx)).map((v) => [v.code, v]));
    const storedReports = await deps.vendors.reports(engagementId, trx);
    const dropped: string[] = [];
    // A report is named in the workspace by its vendor and its place in the vendor's file (1: the first).
    const reportIds = new Map<string, string>();
    const added: { vendor: Vendor; report: StoredVendorReport }[] = [];
    for (const { vendor, reports } of register.vendors) {
      const { code, ...input } = vendor;
      const stored = storedVendors.get(code);
      if (!stored) await addVendor(deps, trx, target, input, code);
      else if (!isDeepStrictEqual({ ...stored, ...vendor }, stored)) await changeVendor(deps, trx, target, code, stored.version, input);
      const recorded = [...(storedReports.get(code) ?? [])];
      const fresh: [number, Omit<VendorReport, 'id'>][] = [];
      reports.forEach((report, i) => {
        const match = recorded.findIndex((r) => sameReport(r, report));
        if (match < 0) fresh.push([i, report]);
        else reportIds.set(`${code}#${i + 1}`, (recorded.splice(match, 1)[0] as StoredVendorReport).id);
      });
      dropped.push(...recorded.map((r) => `${code}'s report for ${r.periodStart} to ${r.periodEnd} (recorded ${r.recordedAt.slice(0, 10)} by ${r.recordedBy})`));
      for (const [i, report] of fresh) {
        const stored = await addVendorReport(deps, trx, target, code, report);
        reportIds.set(`${code}#${i + 1}`, stored.report.id);
        added.push({ vendor, report: stored.report });
      }
    }
    if (dropped.length > 0) {
      throw new ConflictError(
        `A vendor's SOC 2 report is evidence, only ever added: the workspace drops or changes ${dropped.join('; ')}. Add the report to the vendor's file as it was recorded`,
      );
    }

    const storedRisks = new Map((await deps.risks.list(engagementId, trx)).map((r) => [r.code, r]));
    const issues: Issue[] = [];
    const riskTarget = { ...target, controls };
    for (const [i, risk] of register.risks.entries()) {
      const stored = storedRisks.get(risk.code);
      const input = riskInput(risk);
      if (stored) {
        if (!isDeepStrictEqual(riskInput(stored), input)) await changeRisk(deps, trx, target.actor, riskTarget, risk.code, stored.version, input);
        continue;
      }
      const report = risk.raisedBy && reportIds.get(`${risk.raisedBy.vendor}#${risk.raisedBy.report}`);
      if (risk.raisedBy && report === undefined) {
        issues.push({ location: at('register', 'risks', i, 'raisedBy'), message: `${risk.raisedBy.vendor} has no report ${risk.raisedBy.report} in the workspace` });
        continue;
      }
      await addRisk(deps, trx, target.actor, riskTarget, input, risk.code, risk.raisedBy && report ? { vendor: risk.raisedBy.vendor, report, reason: risk.raisedBy.reason } : null);
    }
    if (issues.length > 0) throw new ValidationError(issues, 'The risks are not valid');

    const raised = await registerOf(deps.risks, engagementId, trx);
    for (const { vendor, report } of added) await reportRecorded(deps, trx, target, vendor, report, raised);

    // A risk a listed report raised follows from the workspace, so it is not news that it stays.
    const listed = new Set(register.risks.map((r) => r.code));
    const reports = new Set(reportIds.values());
    const keptRisks = [...storedRisks.values()].filter((r) => !listed.has(r.code) && !(r.raisedBy && reports.has(r.raisedBy.report))).map((r) => r.code);
    const keptVendors = [...storedVendors.keys()].filter((code) => !register.vendors.some((v) => v.vendor.code === code));
    if (keptRisks.length > 0) notes.push(`${counted(keptRisks.length, 'risk')} of the engagement the workspace does not list ${keptRisks.length === 1 ? 'was' : 'were'} kept: ${keptRisks.join(', ')}.`);
    if (keptVendors.length > 0) notes.push(`${counted(keptVendors.length, 'vendor')} of the engagement the workspace does not list ${keptVendors.length === 1 ? 'was' : 'were'} kept: ${keptVendors.join(', ')}.`);
    return added.length;
  }

  return {
    /**
     * The engagement's description, risks and vendors as a workspace states them: each vendor's reports in the order
     * they are listed (a raised risk names its report by its place there), without what the store keeps beside them.
     */
    async read(trx: Executor, engagementId: string): Promise<WorkspaceStatements> {
      const [stored, risks, vendors, reports] = await Promise.all([
        deps.descriptions.find(engagementId, trx),
        deps.risks.list(engagementId, trx),
        deps.vendors.list(engagementId, trx),
        deps.vendors.reports(engagementId, trx),
      ]);
      const placeOf = new Map([...reports].flatMap(([vendor, listed]) => listed.map((r, i) => [r.id, { vendor, report: i + 1 }] as const)));
      const register: WorkspaceRegister = {
        risks: risks.map((risk) => {
          const place = risk.raisedBy && placeOf.get(risk.raisedBy.report);
          return { code: risk.code, ...riskInput(risk), ...(risk.raisedBy && place && { raisedBy: { ...place, reason: risk.raisedBy.reason } }) };
        }),
        vendors: vendors.map(({ createdAt: _c, updatedAt: _u, version: _v, ...vendor }) => ({
          vendor,
          reports: (reports.get(vendor.code) ?? []).map(({ id: _id, recordedAt: _at, recordedBy: _by, ...report }) => report),
        })),
      };
      // An engagement without risks or vendors says nothing of them, as a workspace without the folders does.
      const empty = register.risks.length === 0 && register.vendors.length === 0;
      return { ...(stored && { description: stored.description }), ...(!empty && { register }) };
    },

    /**
     * Records the workspace's description, risks and vendors into the engagement just imported (its controls are
     * `controls`, its findings those of the workspace), in the import's transaction; notes what it kept or replaced.
     */
    async record(trx: Trx, target: VendorTarget, statements: WorkspaceStatements, controls: ReadonlySet<string>, notes: string[]): Promise<StatementsCounts> {
      await recordDescription(trx, target, statements, notes);
      const register = statements.register;
      const vendorReports = register ? await recordRegister(trx, target, register, controls, notes) : 0;
      return {
        description: statements.description !== undefined,
        risks: register?.risks.length ?? 0,
        vendors: register?.vendors.length ?? 0,
        vendorReports,
      };
    },
  };
}

export type StatementsImport = ReturnType<typeof createStatementsImport>;
