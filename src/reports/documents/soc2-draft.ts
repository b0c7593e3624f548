/** The soc 2 report (draft): SKELETON, replaced by its builder. */
import type { ReportDocument } from '../document/model.js';
import type { ReportData } from './data.js';
import { documentMeta } from './meta.js';

export function soc2Draft(data: ReportData): ReportDocument {
  return { meta: documentMeta(data, 'SOC 2 report (draft)'), sections: [] };
}
