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
 *
 * Then the event loop's longest stall while a report job renders the draft through the service: rendered on the
 * event loop, as the CLI does, and in a worker thread, as the API does (src/reports/render-in-worker.ts).
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
import { scenarioData } from '../../src/reports/documents/testing.js';
import { renderInWorker } from '../../src/reports/render-in-worker.js';
import { renderReport } from '../../src/reports/render-report.js';
import { OPERATOR } from '../../src/services/platform/actor.js';
import { jobsWorld } from '../../src/services/reports/testing.js';
import { migrateToLatest, openDatabase } from '../../src/store/database.js';
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
const data = largeReportData(controls, Number(values['samples-per-control']));
const document = values.document === 'synthetic' ? sampleDocument({ sections: 10, rows: Math.ceil(controls / 10) }) : buildDocument('soc2-draft', data, { bridgeTo: null });
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

/**
 * The longest the event loop stood still while a report job rendered the draft through the service (an in-memory
 * SQLite store): the longest gap between two turns of a 10 ms timer, from the request to the job's end, which is
 * what every other request waits at worst while a document is generated (a free loop: about 10 ms).
 */
async function longestStall(render: typeof renderReport): Promise<{ stallMs: number; ms: number }> {
  const store = await openDatabase(':memory:');
  try {
    await migrateToLatest(store.db);
    const w = await jobsWorld(store, { render, data });
    const start = process.hrtime.bigint();
    let last = start;
    let longest = 0n;
    const turn = () => {
      const now = process.hrtime.bigint();
      if (now - last > longest) longest = now - last;
      last = now;
    };
    const timer = setInterval(turn, 10);
    const job = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'soc2-draft', format: 'pdf' });
    await w.jobs.settled();
    clearInterval(timer);
    // The gap up to the job's end counts too: a stall that lasted until then is one no timer turn closed.
    turn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const { status, error } = await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, job.id);
    if (status !== 'done') throw new Error(`the report job ended ${status}: ${error ?? ''} ${String(w.errors[0] ?? '')}`);
    return { stallMs: Number(longest) / 1e6, ms };
  } finally {
    await store.close();
  }
}
// The worker's thread started and its PDF renderer warmed up first, as the in-process renderer was above.
await renderInWorker('soc2-draft', 'pdf', scenarioData('qualified'), { bridgeTo: null, watermark: null });
for (const [name, render] of [['job, in-process', renderReport], ['job, in a worker thread', renderInWorker]] as const) {
  const { stallMs, ms } = await longestStall(render);
  console.log(`${name.padEnd(24)} ${stallMs.toFixed(0).padStart(7)} ms longest event-loop stall ${ms.toFixed(0).padStart(7)} ms wall  the soc2-draft PDF through the report jobs service`);
}
// The last line, plain, for `npm run bench` (bench/run-all.ts) to read; its aim: at most 1.5. CPU time: the
// machine is shared, and other work stretches wall time far more than the work's own.
console.log(`ratio to floor: ${(rendered.cpuMs / plain.cpuMs).toFixed(2)}`);
