/** One document in PDF, HTML or Markdown: the three renderers of the document model, each in its own module. */
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export { renderPdf } from './pdf.js';

export interface RenderOptions {
  /** Stamped across every page (the trust page's requester and date); none when null. */
  watermark: string | null;
  /** Called as the PDF is laid out and written, with the share done (0 to 1), so a caller can show progress. */
  onProgress?: (done: number) => void;
}
