/**
 * `vendors/**\/*.yaml`: the vendors of a workspace, one vendor a file with the SOC 2 reports read of it and the
 * complementary user entity controls each expects of us, mapped to our controls (docs/workspace.md, "vendors/").
 * The fields are the vendors service's inputs; the risks a report raises follow from it (src/domain/vendors).
 */
import { z } from 'zod';
import { date, text } from '../contract/fields.js';
import { vendorBody, vendorReportBody } from '../contract/vendors.js';
import { periodProblems, within, type Examination, type Vendor, type VendorReport } from '../domain/index.js';
import { MAX_CONTROL_ID_LENGTH, MAX_ID_LENGTH, MAX_LIST_LENGTH, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { loadRecords, refuseUnknown } from './records.js';
import { inFile } from './validate.js';

export const VENDORS_FOLDER = 'vendors';

/** The vendors service's inputs with the vendor's code; what may be left out of a file defaults to none. */
export const vendorFileSchema = vendorBody.extend({
  code: text(MAX_ID_LENGTH),
  lastReviewedOn: date.nullable().default(null),
  nextReviewOn: date.nullable().default(null),
  reports: z
    .array(
      vendorReportBody.extend({
        // A CUEC without a control is a gap: none of ours answers it.
        cuecs: z.array(z.strictObject({ text: text(MAX_TEXT_LENGTH), control: text(MAX_CONTROL_ID_LENGTH).nullable().default(null) })).max(MAX_LIST_LENGTH).default([]),
      }),
    )
    .max(MAX_LIST_LENGTH)
    .default([]),
});

/** A vendor of the workspace with its reports, in the order written (a report's id is given where it is stored). */
export interface WorkspaceVendor extends Vendor {
  reports: Omit<VendorReport, 'id'>[];
}

/**
 * The workspace's vendors, in file order, judged against its examination: each CUEC's control must be one of its
 * controls and each report's period must start no later than it ends. Throws ValidationError with every problem as
 * `file:line: message`; a workspace without `vendors/` has none.
 */
export function loadVendors(dir: string, examination: Examination): Promise<WorkspaceVendor[]> {
  return loadRecords(dir, examination, {
    folder: VENDORS_FOLDER,
    what: 'vendor',
    schema: vendorFileSchema,
    judge(source, vendor, issues, controls) {
      vendor.reports.forEach((report, r) => {
        issues.push(...inFile(source, within(['reports', r], periodProblems(report))));
        const mapped = report.cuecs.map((cuec) => cuec.control);
        refuseUnknown(source, mapped, (c) => ['reports', r, 'cuecs', c, 'control'], (id) => controls.has(id), 'control', issues);
      });
      return vendor;
    },
  });
}
