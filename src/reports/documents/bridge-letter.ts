/** The bridge letter: SKELETON, replaced by its builder. */
import type { ReportDocument } from '../document/model.js';
import type { ReportData } from './data.js';
import { documentMeta } from './meta.js';

export function bridgeLetter(data: ReportData, to: string): ReportDocument {
  return { meta: documentMeta(data, `Bridge letter to ${to}`), sections: [] };
}
