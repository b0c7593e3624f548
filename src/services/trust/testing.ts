/** What the trust page's tests share: a report PDF, a mailer that keeps what it sends, and the text of a PDF. */
import { execFile } from 'node:child_process';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Mailer, MailMessage } from './mail.js';

/** A small PDF of `pages` pages, each saying which it is. */
export async function samplePdf(pages = 2): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n += 1) document.addPage([612, 792]).drawText(`SOC 2 Type 2 report, page ${n}`, { x: 72, y: 700, size: 14, font });
  return Buffer.from(await document.save());
}

/** A mailer that sends nothing and keeps every message. */
export function keepingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
  };
}

/** The text of each page of a PDF, as poppler's `pdftotext` reads it (pages split at form feeds). */
export function pdfText(bytes: Uint8Array): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-layout', '-', '-'], { encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.split('\f').filter((page) => page.trim() !== '')),
    );
    child.stdin?.end(Buffer.from(bytes));
  });
}

/** The link's secret in a trust page download link (`…/download#<secret>`). */
export function secretOf(link: string): string {
  const secret = link.split('#')[1];
  if (!secret) throw new Error(`no secret in ${link}`);
  return secret;
}
