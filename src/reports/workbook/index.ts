/** Workbooks (XLSX): SKELETON, replaced by the workbook renderer. */
import type { ReportDocument } from '../document/model.js';
import type { ReportData } from '../documents/data.js';

/** The auditor's workpapers: controls, tests, samples, deviations, conclusions and findings, one sheet each. */
export async function renderWorkpapers(_data: ReportData): Promise<Buffer> {
  return Buffer.alloc(0);
}

/** A written document's tables, one sheet each. */
export async function renderDocumentWorkbook(_document: ReportDocument): Promise<Buffer> {
  return Buffer.alloc(0);
}
