/**
 * `vendors/**\/*.yaml`: the vendors of a workspace, one vendor a file with the SOC 2 reports read of it and the
 * complementary user entity controls each expects of us, mapped to our controls (docs/workspace.md, "vendors/").
 * The fields are the vendors service's inputs; the risks a report raises follow from it (src/domain/vendors).
 */
import { z } from 'zod';
import { OPINION_KINDS, VENDOR_CRITICALITIES, periodProblems, within, type Examination, type Vendor, type VendorReport } from '../domain/index.js';
import { MAX_CONTROL_ID_LENGTH, MAX_ID_LENGTH, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { loadRecords } from './records.js';
import { isoDate } from './schema.js';
import { inFile } from './validate.js';

export const VENDORS_FOLDER = 'vendors';

const text = (max: number) => z.string().trim().min(1, { message: 'must not be empty' }).max(max);

const reportSchema = z.strictObject({
  periodStart: isoDate,
  periodEnd: isoDate,
  opinion: z.enum(OPINION_KINDS),
  exceptions: z.number().int().min(0).max(1_000_000),
  /** A CUEC without a control is a gap: none of ours answers it. */
  cuecs: z.array(z.strictObject({ text: text(MAX_TEXT_LENGTH), control: text(MAX_CONTROL_ID_LENGTH).nullable().default(null) })).max(MAX_LIST_LENGTH).default([]),
});

export const vendorFileSchema = z.strictObject({
  code: text(MAX_ID_LENGTH),
  name: text(MAX_NAME_LENGTH),
  service: text(MAX_NAME_LENGTH),
  criticality: z.enum(VENDOR_CRITICALITIES),
  data: text(MAX_TEXT_LENGTH),
  subprocessor: z.boolean(),
  owner: text(MAX_OWNER_LENGTH),
  lastReviewedOn: isoDate.nullable().default(null),
  nextReviewOn: isoDate.nullable().default(null),
  reports: z.array(reportSchema).max(MAX_LIST_LENGTH).default([]),
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
  const controls = new Set(examination.controls.map((c) => c.id));
  return loadRecords(dir, {
    folder: VENDORS_FOLDER,
    what: 'vendor',
    schema: vendorFileSchema,
    judge(source, vendor, issues) {
      vendor.reports.forEach((report, r) => {
        issues.push(...inFile(source, within(['reports', r], periodProblems(report))));
        report.cuecs.forEach(({ control }, c) => {
          if (control !== null && !controls.has(control)) issues.push({ location: source.locate(['reports', r, 'cuecs', c, 'control']), message: `unknown control "${control}"` });
        });
      });
      return vendor;
    },
  });
}
