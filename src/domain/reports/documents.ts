/**
 * The documents Assay writes from an engagement and the formats it writes them in, and which combinations it
 * refuses: here, so the CLI, the API and the web page offer and refuse the same ones in the same words.
 */
import { isRealDate } from '../dates.js';

export const DOCUMENT_TYPES = ['soc2-draft', 'readiness', 'customer-letter', 'bridge-letter', 'stakeholder', 'risk-assessment', 'workpapers'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_FORMATS = ['pdf', 'html', 'md', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Why a type cannot be had in a format, or null when it can. */
export function formatRefusal(type: DocumentType, format: DocumentFormat): string | null {
  return type === 'workpapers' && format !== 'xlsx' ? 'the workpapers are a workbook: use the format xlsx' : null;
}

/**
 * Why a bridge letter cannot end on `to`, or null when it can: not a real date, not after the period end (the letter
 * would cover no day), or after `today`, the day it is written (management cannot speak for days still to come).
 */
export function bridgeEndRefusal(to: string, periodEnd: string, today: string): string | null {
  if (!isRealDate(to)) return `"${to}" is not a date written YYYY-MM-DD`;
  if (to <= periodEnd) return `${to} is not after the period end (${periodEnd}): a bridge letter covers days after the period the report covers`;
  if (to > today) return `${to} is after the day the letter is written (${today}): management cannot speak for days still to come`;
  return null;
}

/** Where a document asked for through the API stands: being rendered, ready to download, or failed (with why). */
export const REPORT_JOB_STATUSES = ['running', 'done', 'failed'] as const;
export type ReportJobStatus = (typeof REPORT_JOB_STATUSES)[number];
