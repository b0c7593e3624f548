/**
 * Each downloaded report carries who it was given to and when, on every page: a copy passed on names its
 * source. Drawn over the page's content with pdf-lib (the PDF is otherwise unchanged).
 */
import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { ValidationError } from '../../domain/index.js';

/** Whether the bytes are a PDF pdf-lib can open and stamp: checked when a report is uploaded, not when it is asked for. */
export async function requirePdf(bytes: Uint8Array): Promise<void> {
  try {
    const document = await PDFDocument.load(bytes);
    if (document.getPageCount() === 0) throw new Error('no page');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ location: 'body', message: `not a PDF that can be shared (${why.slice(0, 200)})` }], 'The report must be a PDF');
  }
}

/** The report with `Provided to <email> on <date>` across every page and along its foot. */
export async function watermark(bytes: Uint8Array, email: string, date: string): Promise<Uint8Array> {
  const document = await PDFDocument.load(bytes);
  const font = await document.embedFont(StandardFonts.Helvetica);
  // The standard fonts encode WinAnsi only: anything else in an address is shown as '?', never refused.
  const text = `Provided to ${email} on ${date}`.replace(/[^\x20-\x7e]/g, '?');
  for (const page of document.getPages()) {
    const { width, height } = page.getSize();
    const size = Math.max(8, Math.min(28, (width * 0.9) / font.widthOfTextAtSize(text, 1) / 1.2));
    page.drawText(text, { x: width * 0.1, y: height * 0.25, size, font, color: rgb(0.75, 0.1, 0.1), opacity: 0.25, rotate: degrees(35) });
    page.drawText(text, { x: 24, y: 14, size: 8, font, color: rgb(0.3, 0.3, 0.3) });
  }
  return document.save();
}
