/** Workbooks (XLSX): the auditor's workpapers from an engagement's data, and a written document's tables. */
import type { ReportDocument } from '../document/model.js';
import type { ReportData } from '../documents/data.js';
import { documentSheets } from './document-workbook.js';
import { writeWorkbook } from './sheets.js';
import { workpaperSheets } from './workpapers.js';

/** The auditor's workpapers: controls, tests, samples, deviations, conclusions and findings, one sheet each. */
export async function renderWorkpapers(data: ReportData): Promise<Buffer> {
  return writeWorkbook(workpaperSheets(data));
}

/** A written document's tables, one sheet each. */
export async function renderDocumentWorkbook(document: ReportDocument): Promise<Buffer> {
  return writeWorkbook(documentSheets(document));
}
