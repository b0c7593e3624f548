/**
 * `risks/**\/*.yaml`: the risk register of a workspace, one risk a file (docs/workspace.md, "risks/"). The fields
 * are the risk service's input; residual risk is never written here, it follows from the forecast (src/domain/risks).
 */
import { z } from 'zod';
import { riskBody } from '../contract/risks.js';
import { date, text } from '../contract/fields.js';
import { VENDOR_RISK_REASONS, isCriterionId, type Examination, type Risk, type VendorRiskReason } from '../domain/index.js';
import { counted } from '../domain/words.js';
import { MAX_CONTROL_ID_LENGTH, MAX_CRITERION_ID_LENGTH, MAX_ID_LENGTH, MAX_LIST_LENGTH } from '../domain/limits.js';
import { loadRecords, refuseUnknown } from './records.js';

export const RISKS_FOLDER = 'risks';

const ids = (max: number) => z.array(text(max)).max(MAX_LIST_LENGTH).default([]);

/** The risk service's input with its code; what may be left out of a file defaults to none. */
export const riskFileSchema = riskBody.extend({
  code: text(MAX_ID_LENGTH),
  controls: ids(MAX_CONTROL_ID_LENGTH),
  criteria: ids(MAX_CRITERION_ID_LENGTH),
  findings: ids(MAX_ID_LENGTH),
  acceptance: riskBody.shape.acceptance.default(null),
  lastReviewedOn: date.nullable().default(null),
  nextReviewOn: date.nullable().default(null),
  // A workspace names a vendor's report by its place in the vendor's file (1: the first), as it has no id there.
  raisedBy: z.strictObject({ vendor: text(MAX_ID_LENGTH), report: z.number().int().min(1).max(MAX_LIST_LENGTH), reason: z.enum(VENDOR_RISK_REASONS) }).optional(),
});

/** The vendor's report a risk was raised for, and why: the report by its place in the vendor's `reports` (1: the first). */
export interface RaisedByReport {
  vendor: string;
  report: number;
  reason: VendorRiskReason;
}

/** A risk as its file states it: raised by a vendor's report when `raisedBy` says so. */
export type WorkspaceRisk = Risk & { raisedBy?: RaisedByReport };

/**
 * The workspace's risks, in file order, judged against its examination and the codes of its findings: each linked
 * control must be one of its controls, each finding one of its findings, each criterion a criterion, and an accepted
 * risk needs its acceptance. A risk raised by a vendor's report must name one of `reportsOf` (vendor code → how many
 * reports its file lists; null: the vendors are not known, so that is not judged). Throws ValidationError with every
 * problem as `file:line: message`; a workspace without `risks/` has none.
 */
export function loadRisks(dir: string, examination: Examination, findingCodes: ReadonlySet<string>, reportsOf: ReadonlyMap<string, number> | null = null): Promise<WorkspaceRisk[]> {
  return loadRecords(dir, examination, {
    folder: RISKS_FOLDER,
    what: 'risk',
    schema: riskFileSchema,
    judge(source, risk, issues, controls) {
      refuseUnknown(source, risk.controls, (i) => ['controls', i], (id) => controls.has(id), 'control', issues);
      refuseUnknown(source, risk.criteria, (i) => ['criteria', i], isCriterionId, 'criterion', issues);
      refuseUnknown(source, risk.findings, (i) => ['findings', i], (code) => findingCodes.has(code), 'finding', issues);
      if (risk.raisedBy !== undefined && reportsOf !== null) {
        const { vendor, report } = risk.raisedBy;
        const reports = reportsOf.get(vendor);
        if (reports === undefined) issues.push({ location: source.locate(['raisedBy', 'vendor']), message: `unknown vendor "${vendor}"` });
        else if (report > reports) issues.push({ location: source.locate(['raisedBy', 'report']), message: `${vendor} lists ${counted(reports, 'report')}: there is no report ${report}` });
      }
      if (risk.treatment === 'accept' && risk.acceptance === null) {
        issues.push({ location: source.locate(['treatment']), message: 'an accepted risk needs its acceptance: who approved it, why, and until when (expiresOn)' });
      }
      return risk;
    },
  });
}
