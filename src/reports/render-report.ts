/**
 * The one entry the CLI and the API render reports through: a type and a format in, bytes out. Which format a type
 * may take is decided here, so both refuse the same combinations with the same words.
 */
import { renderHtml, renderMarkdown, renderPdf } from './document/render.js';
import { buildDocument, WRITTEN_DOCUMENT_TYPES, type DocumentOptions, type ReportData, type WrittenDocumentType } from './documents/index.js';
import { renderDocumentWorkbook, renderWorkpapers } from './workbook/index.js';

export const DOCUMENT_TYPES = [...WRITTEN_DOCUMENT_TYPES, 'workpapers'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_FORMATS = ['pdf', 'html', 'md', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Why a type cannot be had in a format, or null when it can. */
export function formatRefusal(type: DocumentType, format: DocumentFormat): string | null {
  return type === 'workpapers' && format !== 'xlsx' ? 'the workpapers are a workbook: use the format xlsx' : null;
}

export interface ReportOptions extends DocumentOptions {
  watermark: string | null;
  onProgress?: (done: number) => void;
}

export async function renderReport(type: DocumentType, format: DocumentFormat, data: ReportData, options: ReportOptions): Promise<Buffer> {
  const refusal = formatRefusal(type, format);
  if (refusal !== null) throw new Error(refusal);
  if (type === 'workpapers') return renderWorkpapers(data);
  const document = buildDocument(type satisfies WrittenDocumentType, data, options);
  switch (format) {
    case 'pdf':
      return renderPdf(document, options);
    case 'html':
      return Buffer.from(renderHtml(document));
    case 'md':
      return Buffer.from(renderMarkdown(document));
    case 'xlsx':
      return renderDocumentWorkbook(document);
  }
}
