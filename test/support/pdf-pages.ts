/**
 * A PDF's pages as a test reads them, through poppler-utils (`pdftoppm`, `pdftotext`; installed by `.ci/run`):
 *
 *   const { pages, blankPages, text } = await pdfPages(await renderPdf(document, options));
 *   expect(blankPages).toEqual([]);
 *   for (const page of text) expect(page).toMatch(/Page \d+ of \d+/);
 *
 * Each page is rendered in grey at 30 dpi (PGM: a header and one byte per pixel, read without a decoder). A page
 * is blank when its body, the part between the header and footer bands, has fewer than `minInk` dark pixels: a
 * page carrying only its running header and footer counts as blank.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfPages {
  pages: number;
  /** 1-based numbers of the pages with no content in their body. */
  blankPages: number[];
  /** Each page's text in the order it is drawn (`pdftotext -raw`): a line of the page is one line here. */
  text: string[];
}

export interface PdfPagesOptions {
  /** Share of the page's height at the top and at the bottom left out as header and footer (default 0.07 each). */
  band?: number;
  /** Dark pixels a body needs to count as content (default 20). */
  minInk?: number;
}

/** Dark pixels (darker than light grey) in the rows of a binary PGM between `band` of the height at each end. */
export function inkInBody(pgm: Buffer, band: number): number {
  // P5 header: magic, width, height, maxval, each followed by whitespace (comments are not written by pdftoppm).
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (header === null) throw new Error('not a binary PGM image');
  const [, width, height, maxval] = header.map(Number) as [number, number, number, number];
  const offset = (header[0] as string).length;
  const threshold = maxval * 0.8;
  let ink = 0;
  for (let row = Math.ceil(height * band); row < Math.floor(height * (1 - band)); row++) {
    for (let i = offset + row * width, end = i + width; i < end; i++) if ((pgm[i] as number) < threshold) ink++;
  }
  return ink;
}

export async function pdfPages(pdf: Buffer, options: PdfPagesOptions = {}): Promise<PdfPages> {
  const dir = await mkdtemp(join(tmpdir(), 'assay-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    await run('pdftoppm', ['-r', '30', '-gray', file, join(dir, 'page')]);
    const images = (await readdir(dir)).filter((name) => name.endsWith('.pgm')).sort();
    const blankPages: number[] = [];
    for (const [i, name] of images.entries()) {
      if (inkInBody(await readFile(join(dir, name)), options.band ?? 0.07) < (options.minInk ?? 20)) blankPages.push(i + 1);
    }
    const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { maxBuffer: 256 * 1024 * 1024 });
    // pdftotext ends every page with a form feed.
    const text = stdout.split('\f').slice(0, images.length);
    return { pages: images.length, blankPages, text };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
