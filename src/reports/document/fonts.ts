/**
 * pdfmake on the server, set up once: Roboto read from pdfmake's own font files, and every other file or URL
 * refused, so nothing a document says (a control's title, an organisation's name) can make the renderer read a
 * local file or fetch from the network. The renderer and the benchmark's floor both print through here, so they
 * pay for the same fonts and settings.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

const fontFolder = join(dirname(createRequire(import.meta.url).resolve('pdfmake/fonts/Roboto.js')), 'Roboto');

const FONT_FILES = {
  normal: join(fontFolder, 'Roboto-Regular.ttf'),
  bold: join(fontFolder, 'Roboto-Medium.ttf'),
  italics: join(fontFolder, 'Roboto-Italic.ttf'),
  bolditalics: join(fontFolder, 'Roboto-MediumItalic.ttf'),
};
const fontPaths = new Set(Object.values(FONT_FILES));

pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => fontPaths.has(path));

/**
 * Lays out and writes one PDF. `onProgress` gets pdfmake's own count of page items written (0 to 1); pdfmake
 * takes its callback from a setting it shares between documents, read synchronously by `createPdf`, so setting it
 * just before and clearing it just after keeps two documents rendered at once from reporting each other's progress.
 */
export function printPdf(definition: TDocumentDefinitions, onProgress?: (written: number) => void): Promise<Buffer> {
  pdfmake.setProgressCallback(onProgress ?? (() => undefined));
  try {
    return pdfmake.createPdf(definition).getBuffer();
  } finally {
    pdfmake.setProgressCallback(() => undefined);
  }
}
