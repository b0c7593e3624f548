/** One document in PDF, HTML or Markdown: SKELETON, replaced by the renderers. */
import type { ReportDocument } from './model.js';

export interface RenderOptions {
  /** Stamped across every page (the trust page's requester and date); none when null. */
  watermark: string | null;
  /** Called as the PDF is laid out and written, with the share done (0 to 1), so a caller can show progress. */
  onProgress?: (done: number) => void;
}

export async function renderPdf(document: ReportDocument, options: RenderOptions): Promise<Buffer> {
  options.onProgress?.(1);
  return Buffer.from(JSON.stringify(document));
}

export function renderHtml(document: ReportDocument): string {
  return `<!doctype html><title>${document.meta.title}</title>`;
}

export function renderMarkdown(document: ReportDocument): string {
  return `# ${document.meta.title}\n`;
}
