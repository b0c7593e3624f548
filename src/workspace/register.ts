/** A workspace's risk register and vendors together (`risks/`, `vendors/`), as the risks and vendors services take them. */
import type { Examination, Risk, Vendor, VendorReport } from '../domain/index.js';
import { loadFindings } from './findings.js';
import { loadRisks } from './risks.js';
import { loadVendors } from './vendors.js';

export interface WorkspaceRegister {
  risks: Risk[];
  vendors: { vendor: Vendor; reports: Omit<VendorReport, 'id'>[] }[];
}

/** Both folders judged against the examination and its findings; throws ValidationError with the problems of both. */
export async function loadRegister(dir: string, examination: Examination): Promise<WorkspaceRegister> {
  const [risks, vendors] = await Promise.allSettled([riskRegister(dir, examination), loadVendors(dir, examination)]);
  if (risks.status === 'rejected') throw risks.reason;
  if (vendors.status === 'rejected') throw vendors.reason;
  return { risks: risks.value, vendors: vendors.value.map(({ reports, ...vendor }) => ({ vendor, reports })) };
}

/** The workspace's risks, judged against its examination and the codes of its findings (`findings/`). */
export async function riskRegister(dir: string, examination: Examination): Promise<Risk[]> {
  const { findings } = await loadFindings(dir, examination);
  return loadRisks(dir, examination, new Set(findings.map((f) => f.code)));
}
