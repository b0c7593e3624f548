/**
 * The one entry the CLI and the API render reports through: a type and a format in, bytes out. Which format a type
 * may take is decided in the domain (src/domain/reports/documents.ts), so the CLI, the API and the web page refuse
 * the same combinations with the same words.
 */
import { formatRefusal, type DocumentFormat, type DocumentType } from '../domain/reports/documents.js';
import { renderHtml, renderMarkdown, renderPdf } from './document/render.js';
import { buildDocument, type DocumentOptions, type ReportData, type WrittenDocumentType } from './documents/index.js';
import { renderDocumentWorkbook, renderWorkpapers } from './workbook/index.js';

export { DOCUMENT_FORMATS, DOCUMENT_TYPES, formatRefusal, type DocumentFormat, type DocumentType } from '../domain/reports/documents.js';

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

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
