/** The documents Assay writes from an engagement's data, by type: each builder states what its document says. */
import type { ReportDocument } from '../document/model.js';
import { bridgeLetter } from './bridge-letter.js';
import { customerLetter } from './customer-letter.js';
import type { ReportData } from './data.js';
import { readinessAssessment } from './readiness.js';
import { riskAssessment } from './risk-assessment.js';
import { soc2Draft } from './soc2-draft.js';
import { stakeholderPack } from './stakeholder-pack.js';

export type * from './data.js';

export const WRITTEN_DOCUMENT_TYPES = ['soc2-draft', 'readiness', 'customer-letter', 'bridge-letter', 'stakeholder', 'risk-assessment'] as const;
export type WrittenDocumentType = (typeof WRITTEN_DOCUMENT_TYPES)[number];

export interface DocumentOptions {
  /** The bridge letter's end: the ISO date up to which it speaks for the time after the period. Default: today. */
  bridgeTo: string | null;
}

export function buildDocument(type: WrittenDocumentType, data: ReportData, options: DocumentOptions): ReportDocument {
  switch (type) {
    case 'soc2-draft':
      return soc2Draft(data);
    case 'readiness':
      return readinessAssessment(data);
    case 'customer-letter':
      return customerLetter(data);
    case 'bridge-letter':
      return bridgeLetter(data, options.bridgeTo ?? data.generatedAt.slice(0, 10));
    case 'stakeholder':
      return stakeholderPack(data);
    case 'risk-assessment':
      return riskAssessment(data);
  }
}
