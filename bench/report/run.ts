/**
 * Benchmark of the PDF renderer on the SOC 2 report draft of a 1,000-control Type 2 engagement (100 samples per
 * control, one control in 25 with deviations), beside a floor measured in the same run: a plain pdfmake document
 * of the same text (every line of the document's text as the content tests read it, each a plain paragraph in the
 * same font, page and margins), which is the least pdfmake itself spends on that much text. Each is timed from the
 * document model to the PDF's bytes (the run of least CPU time of --runs, alternating, after one warm-up of each).
 *
 *   npm run bench:report [-- --controls 1000 --runs 3 --document soc2-draft|synthetic]
 *
 * `--document synthetic` renders a made-up document of the same number of table rows instead of the draft (the
 * renderers' own test document: every block kind), for measuring the renderer apart from any builder.
 * Profile with `node --cpu-prof --import tsx bench/report/run.ts`.
 */
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { printPdf } from '../../src/reports/document/fonts.js';
import type { ReportDocument } from '../../src/reports/document/model.js';
import { pdfDefinition } from '../../src/reports/document/pdf.js';
import { renderPdf } from '../../src/reports/document/render.js';
import { sampleDocument } from '../../src/reports/document/testing.js';
import { documentText } from '../../src/reports/documents/document-text.js';
import { buildDocument } from '../../src/reports/documents/index.js';
import { largeReportData } from '../support/report-data.js';

const { values } = parseArgs({
  options: {
    controls: { type: 'string', default: '1000' },
    'samples-per-control': { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    document: { type: 'string', default: 'soc2-draft' },
  },
});
const controls = Number(values.controls);
const runs = Number(values.runs);
if (values.document !== 'soc2-draft' && values.document !== 'synthetic') throw new Error(`--document: soc2-draft or synthetic, not ${values.document}`);

/** Every line a reader reads (a table's row is one line), as the documents' content tests read them. */
function documentLines(document: ReportDocument): string[] {
  return documentText(document).split('\n').filter((line) => line !== '');
}

/** The floor: every line of the document as a plain paragraph, in the renderer's font, size, page and margins. */
function floorDefinition(document: ReportDocument): TDocumentDefinitions {
  const styled = pdfDefinition(document, { watermark: null });
  return { pageSize: styled.pageSize, pageMargins: styled.pageMargins, defaultStyle: styled.defaultStyle, content: documentLines(document).map((text): Content => ({ text })) };
}

/** Wall time, and the process's CPU time (all its threads), which other work on a shared machine disturbs less. */
async function time(fn: () => Promise<Buffer>): Promise<{ ms: number; cpuMs: number; pdf: Buffer }> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const pdf = await fn();
  const { user, system } = process.cpuUsage(cpu);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (user + system) / 1000, pdf };
}

const built = process.hrtime.bigint();
const document =
  values.document === 'synthetic' ? sampleDocument({ sections: 10, rows: Math.ceil(controls / 10) }) : buildDocument('soc2-draft', largeReportData(controls, Number(values['samples-per-control'])), { bridgeTo: null });
const buildMs = Number(process.hrtime.bigint() - built) / 1e6;
if (document.sections.length === 0) {
  console.error(`the ${values.document} document has no sections: its builder writes nothing yet (measure the renderer with --document synthetic)`);
  process.exit(1);
}
const blocks = document.sections.reduce((n, s) => n + s.blocks.length, 0);
const characters = documentLines(document).reduce((n, text) => n + text.length, 0);

const render = () => renderPdf(document, { watermark: null });
const floor = () => printPdf(floorDefinition(document));
// One warm-up of each, so neither pays for the compiler or the first read of the fonts.
await render();
await floor();
interface Timing {
  ms: number;
  cpuMs: number;
  pdf: Buffer;
}
let rendered: Timing | null = null;
let plain: Timing | null = null;
const best = (a: Timing | null, b: Timing) => (a === null || b.cpuMs < a.cpuMs ? b : a);
for (let i = 0; i < runs; i++) {
  rendered = best(rendered, await time(render));
  plain = best(plain, await time(floor));
}
if (rendered === null || plain === null) throw new Error('--runs: at least 1');
const pages = async (pdf: Buffer) => (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
const row = (name: string, timing: Timing, note: string) =>
  console.log(`${name.padEnd(24)} ${timing.cpuMs.toFixed(0).padStart(7)} ms CPU ${timing.ms.toFixed(0).padStart(7)} ms wall  ${note}`);

console.log(
  `report benchmark: ${values.document} of ${controls} controls: ${document.sections.length} sections, ${blocks} blocks, ${(characters / 1e6).toFixed(2)} M characters; best of ${runs} runs`,
);
console.log(`${'build the document'.padEnd(24)} ${buildMs.toFixed(0).padStart(7)} ms wall  the content builder, once`);
row('floor: plain pdfmake', plain, `${await pages(plain.pdf)} pages, ${(plain.pdf.length / 1e6).toFixed(1)} MB`);
row('renderPdf', rendered, `${await pages(rendered.pdf)} pages, ${(rendered.pdf.length / 1e6).toFixed(1)} MB`);
console.log(`wall-time ratio to floor: ${(rendered.ms / plain.ms).toFixed(2)}`);
console.log(`pages: ${await pages(rendered.pdf)}`);
// The last line, plain, for `npm run bench` (bench/run-all.ts) to read; its aim: at most 1.5. CPU time: the
// machine is shared, and other work stretches wall time far more than the work's own.
console.log(`ratio to floor: ${(rendered.cpuMs / plain.cpuMs).toFixed(2)}`);
