/** The readiness assessment: SKELETON, replaced by its builder. */
import type { ReportDocument } from '../document/model.js';
import type { ReportData } from './data.js';
import { documentMeta } from './meta.js';

export function readinessAssessment(data: ReportData): ReportDocument {
  return { meta: documentMeta(data, 'Readiness assessment'), sections: [] };
}
