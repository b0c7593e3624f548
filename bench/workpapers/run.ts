/**
 * Benchmark of the workpapers (XLSX) of a large engagement (1,000 controls × 25 samples by default): the streaming
 * writer the workpapers use, beside a baseline measured in the same run, the same sheets built with exceljs's plain
 * (in-memory) workbook, so the ratio holds whatever the machine's speed. The median of the runs of each is taken.
 *
 *   npm run bench:workpapers [-- --controls 1000 --samples-per-control 25 --runs 3]
 */
import ExcelJS from 'exceljs';
import { parseArgs } from 'node:util';
import { examine } from '../../src/domain/index.js';
import type { ReportData } from '../../src/reports/documents/data.js';
import { renderWorkpapers } from '../../src/reports/workbook/index.js';
import type { CellValue } from '../../src/reports/workbook/sheets.js';
import { workpaperSheets } from '../../src/reports/workbook/workpapers.js';
import { syntheticExamination } from '../support/synthetic.js';

const { values } = parseArgs({ options: { controls: { type: 'string', default: '1000' }, 'samples-per-control': { type: 'string', default: '25' }, runs: { type: 'string', default: '3' } } });
const examination = syntheticExamination(Number(values.controls), Number(values['samples-per-control']));
const data: ReportData = {
  examination,
  result: examine(examination),
  coverage: [],
  findings: [],
  rootCauses: [],
  responses: [],
  monitoring: [],
  changes: [],
  history: [],
  publishedNames: [],
  locale: 'en-GB',
  generatedAt: '2026-12-31T12:00:00.000Z',
};

const plainValue = (value: CellValue) => (value !== null && typeof value === 'object' && !(value instanceof Date) ? value.value : value);

async function plainWorkbook(): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of workpaperSheets(data)) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }));
    for (const row of spec.rows) sheet.addRow(row.map(plainValue));
  }
  return (await workbook.xlsx.writeBuffer()).byteLength;
}

async function timed(work: () => Promise<number>): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const bytes = await work();
  return { ms: performance.now() - start, bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const streaming: number[] = [];
const plain: number[] = [];
let size = 0;
for (let run = 0; run < Number(values.runs); run++) {
  const s = await timed(async () => (await renderWorkpapers(data)).length);
  const p = await timed(plainWorkbook);
  streaming.push(s.ms);
  plain.push(p.ms);
  size = s.bytes;
}
const samples = examination.tests.reduce((n, t) => n + t.samples.length, 0);
console.log(`workpapers of ${examination.controls.length} controls, ${samples} samples: ${(size / 1024 / 1024).toFixed(2)} MB`);
console.log(`streaming writer: ${median(streaming).toFixed(0)} ms (median of ${streaming.length})`);
console.log(`plain workbook (baseline): ${median(plain).toFixed(0)} ms`);
console.log(`streaming/plain ratio: ${(median(streaming) / median(plain)).toFixed(2)} (aim: at most 1)`);
