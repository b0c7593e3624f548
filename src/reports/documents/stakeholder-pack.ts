/** The stakeholder pack: SKELETON, replaced by its builder. */
import type { ReportDocument } from '../document/model.js';
import type { ReportData } from './data.js';
import { documentMeta } from './meta.js';

export function stakeholderPack(data: ReportData): ReportDocument {
  return { meta: documentMeta(data, 'Stakeholder pack'), sections: [] };
}
