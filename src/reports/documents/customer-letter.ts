/** The letter to customers: SKELETON, replaced by its builder. */
import type { ReportDocument } from '../document/model.js';
import type { ReportData } from './data.js';
import { documentMeta } from './meta.js';

export function customerLetter(data: ReportData): ReportDocument {
  return { meta: documentMeta(data, 'Letter to customers'), sections: [] };
}
