/** A workspace's risk register and vendors together (`risks/`, `vendors/`), as the risks and vendors services take them. */
import {
  assessedRisk,
  controlStanding,
  type CheckedTestRun,
  type Examination,
  type ExaminationResult,
  type Vendor,
  type VendorReport,
} from '../domain/index.js';
import { loadFindings } from './findings.js';
import { loadRisks, type WorkspaceRisk } from './risks.js';
import { settledValues } from './settled.js';
import { loadVendors, type WorkspaceVendor } from './vendors.js';

export interface WorkspaceRegister {
  risks: WorkspaceRisk[];
  /** Each vendor with its reports in the order its file lists them (a risk's `raisedBy.report` counts in it). */
  vendors: { vendor: Vendor; reports: Omit<VendorReport, 'id'>[] }[];
}

/** Both folders judged against the examination and its findings; throws ValidationError with the problems of both. */
export async function loadRegister(dir: string, examination: Examination): Promise<WorkspaceRegister> {
  const [vendorsLoaded] = await Promise.allSettled([loadVendors(dir, examination)]);
  // Bad vendor files are reported as such, not again as every risk that names one.
  const [risksLoaded] = await Promise.allSettled([riskRegister(dir, examination, vendorsLoaded.status === 'fulfilled' ? vendorsLoaded.value : null)]);
  const [risks, vendors] = settledValues([risksLoaded, vendorsLoaded], 'The risks and vendors are not valid');
  return { risks, vendors: vendors.map(({ reports, ...vendor }) => ({ vendor, reports })) };
}

/**
 * The workspace's risks, judged against its examination, the codes of its findings (`findings/`) and its vendors
 * (`vendors/`, read unless given; null: not judged against them).
 */
export async function riskRegister(dir: string, examination: Examination, vendors?: readonly WorkspaceVendor[] | null): Promise<WorkspaceRisk[]> {
  const { findings } = await loadFindings(dir, examination);
  const known = vendors === undefined ? await loadVendors(dir, examination) : vendors;
  const reportsOf = known === null ? null : new Map(known.map((v) => [v.code, v.reports.length]));
  return loadRisks(dir, examination, new Set(findings.map((f) => f.code)), reportsOf);
}

/**
 * The workspace's risks assessed by the same rule as the stored register, against the workspace's own forecast: each
 * linked control's conclusion, and monitoring failing where a test that stands on a check found failures.
 */
export async function assessedRiskRegister(
  dir: string,
  examined: { examination: Examination; result: ExaminationResult; runs: readonly CheckedTestRun[] },
  today: string,
) {
  const risks = await riskRegister(dir, examined.examination);
  const failing = new Set(examined.runs.filter((r) => r.result.status === 'fail').map((r) => r.control));
  const standing = controlStanding(new Map(examined.result.controls.map((c) => [c.id, c.conclusion])), failing);
  return risks.map((risk) => assessedRisk(risk, standing, today));
}
