/**
 * The SOC 2 report draft in the usual sections (reference §2): the service auditor's report with the forecast
 * opinion, management's assertion carrying the same modifications, the system description as far as Assay holds
 * it, the criteria with the controls, tests and results, and management's responses. Marked throughout as a draft
 * for the service auditor: the opinion is the engine's forecast, never the auditor's.
 */
import type { ReportDocument } from '../document/model.js';
import type { ReportData } from './data.js';
import { examinedWithCoverage } from './examined.js';
import { documentMeta } from './meta.js';
import { systemDescription } from './soc2-draft/description.js';
import { auditorReport, managementAssertion } from './soc2-draft/opinion.js';
import { managementResponses } from './soc2-draft/responses.js';
import { criteriaAndTests } from './soc2-draft/tests-of-controls.js';
import { anOpinion } from './words.js';

export const DRAFT_NOTICE = 'Draft for the service auditor';

export function soc2Draft(given: ReportData): ReportDocument {
  // Deviations are read from the samples the result was formed from, missing evidence occurrences included.
  const data = { ...given, examination: examinedWithCoverage(given) };
  const type = data.examination.engagement.reportType === 'type2' ? 'Type 2' : 'Type 1';
  return {
    meta: documentMeta(data, `SOC 2 ${type} report (draft)`, {
      subtitle: `Forecast: ${anOpinion(data.result.opinion.overall)}`,
      draftNotice: DRAFT_NOTICE,
    }),
    sections: [auditorReport(data), managementAssertion(data), systemDescription(data), criteriaAndTests(data), managementResponses(data)],
  };
}
