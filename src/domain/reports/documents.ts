/**
 * The documents Assay writes from an engagement and the formats it writes them in, and which combinations it
 * refuses: here, so the CLI, the API and the web page offer and refuse the same ones in the same words.
 */

export const DOCUMENT_TYPES = ['soc2-draft', 'readiness', 'customer-letter', 'bridge-letter', 'stakeholder', 'risk-assessment', 'workpapers'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_FORMATS = ['pdf', 'html', 'md', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Why a type cannot be had in a format, or null when it can. */
export function formatRefusal(type: DocumentType, format: DocumentFormat): string | null {
  return type === 'workpapers' && format !== 'xlsx' ? 'the workpapers are a workbook: use the format xlsx' : null;
}

/** Where a document asked for through the API stands: being rendered, ready to download, or failed (with why). */
export const REPORT_JOB_STATUSES = ['running', 'done', 'failed'] as const;
export type ReportJobStatus = (typeof REPORT_JOB_STATUSES)[number];
