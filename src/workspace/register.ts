/** A workspace's risk register and vendors together (`risks/`, `vendors/`), as the risks and vendors services take them. */
import type { Examination, Risk, Vendor, VendorReport } from '../domain/index.js';
import { loadRisks } from './risks.js';
import { loadVendors } from './vendors.js';

export interface WorkspaceRegister {
  risks: Risk[];
  vendors: { vendor: Vendor; reports: Omit<VendorReport, 'id'>[] }[];
}

/** Both folders judged against the examination; throws ValidationError with the problems of both. */
export async function loadRegister(dir: string, examination: Examination): Promise<WorkspaceRegister> {
  const [risks, vendors] = await Promise.allSettled([loadRisks(dir, examination), loadVendors(dir, examination)]);
  if (risks.status === 'rejected') throw risks.reason;
  if (vendors.status === 'rejected') throw vendors.reason;
  return { risks: risks.value, vendors: vendors.value.map(({ reports, ...vendor }) => ({ vendor, reports })) };
}
