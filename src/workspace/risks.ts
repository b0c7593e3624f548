/**
 * `risks/**\/*.yaml`: the risk register of a workspace, one risk a file (docs/workspace.md, "risks/"). The fields
 * are the risk service's input; residual risk is never written here, it follows from the forecast (src/domain/risks).
 */
import { z } from 'zod';
import { MAX_RATING, MIN_RATING, RISK_TREATMENTS, isCriterionId, type Examination, type Risk } from '../domain/index.js';
import { MAX_CONTROL_ID_LENGTH, MAX_CRITERION_ID_LENGTH, MAX_ID_LENGTH, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { loadRecords } from './records.js';
import { isoDate } from './schema.js';

export const RISKS_FOLDER = 'risks';

const text = (max: number) => z.string().trim().min(1, { message: 'must not be empty' }).max(max);
const rating = z.number().int().min(MIN_RATING).max(MAX_RATING);
const ids = (max: number) => z.array(text(max)).max(MAX_LIST_LENGTH).default([]);

export const riskFileSchema = z.strictObject({
  code: text(MAX_ID_LENGTH),
  title: text(MAX_NAME_LENGTH),
  scenario: text(MAX_TEXT_LENGTH),
  owner: text(MAX_OWNER_LENGTH),
  category: text(MAX_NAME_LENGTH),
  likelihood: rating,
  impact: rating,
  treatment: z.enum(RISK_TREATMENTS),
  controls: ids(MAX_CONTROL_ID_LENGTH),
  criteria: ids(MAX_CRITERION_ID_LENGTH),
  findings: ids(MAX_ID_LENGTH),
  acceptance: z.strictObject({ approver: text(MAX_OWNER_LENGTH), reason: text(MAX_TEXT_LENGTH), expiresOn: isoDate }).nullable().default(null),
  lastReviewedOn: isoDate.nullable().default(null),
  nextReviewOn: isoDate.nullable().default(null),
});

/**
 * The workspace's risks, in file order, judged against its examination and the codes of its findings: each linked
 * control must be one of its controls, each finding one of its findings, each criterion a criterion, and an accepted
 * risk needs its acceptance. Throws ValidationError with every problem as `file:line: message`; a workspace without
 * `risks/` has none.
 */
export function loadRisks(dir: string, examination: Examination, findingCodes: ReadonlySet<string>): Promise<Risk[]> {
  const controls = new Set(examination.controls.map((c) => c.id));
  return loadRecords(dir, {
    folder: RISKS_FOLDER,
    what: 'risk',
    schema: riskFileSchema,
    judge(source, risk, issues) {
      risk.controls.forEach((id, i) => {
        if (!controls.has(id)) issues.push({ location: source.locate(['controls', i]), message: `unknown control "${id}"` });
      });
      risk.criteria.forEach((id, i) => {
        if (!isCriterionId(id)) issues.push({ location: source.locate(['criteria', i]), message: `unknown criterion "${id}"` });
      });
      risk.findings.forEach((code, i) => {
        if (!findingCodes.has(code)) issues.push({ location: source.locate(['findings', i]), message: `unknown finding "${code}"` });
      });
      if (risk.treatment === 'accept' && risk.acceptance === null) {
        issues.push({ location: source.locate(['treatment']), message: 'an accepted risk needs its acceptance: who approved it, why, and until when (expiresOn)' });
      }
      return risk;
    },
  });
}
