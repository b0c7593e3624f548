import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../document/model.js';
import { monthlyCoverageData } from '../documents/coverage-testing.js';
import { scenarioData } from '../documents/testing.js';
import { sheetName } from './document-workbook.js';
import { renderDocumentWorkbook, renderWorkpapers } from './index.js';

async function open(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** Every row after the header, as its values (exceljs's row values start at index 1). */
function body(worksheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  worksheet.eachRow((row, number) => {
    if (number > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

function expectSheetHabits(worksheet: ExcelJS.Worksheet): void {
  expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(worksheet.getRow(1).getCell(1).font?.bold).toBe(true);
  expect(worksheet.autoFilter).toBeTruthy();
  for (const column of worksheet.columns) expect(column.width).toBeGreaterThan(0);
}

describe('workpapers', () => {
  it('has one sheet each, in order, every one with a frozen bold header and a filter', async () => {
    const workbook = await open(await renderWorkpapers(scenarioData('qualified')));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Engagement', 'Controls', 'Tests', 'Samples', 'Deviations', 'Conclusions', 'Findings']);
    for (const worksheet of workbook.worksheets) expectSheetHabits(worksheet);
  });

  it('holds as many rows as the data: controls, tests, samples, deviations, conclusions, findings', async () => {
    const data = scenarioData('adverse');
    const workbook = await open(await renderWorkpapers(data));
    const samples = data.examination.tests.flatMap((t) => t.samples);
    expect(body(sheet(workbook, 'Controls'))).toHaveLength(data.examination.controls.length);
    expect(body(sheet(workbook, 'Tests'))).toHaveLength(data.examination.tests.length);
    expect(body(sheet(workbook, 'Samples'))).toHaveLength(samples.length);
    expect(body(sheet(workbook, 'Deviations'))).toHaveLength(samples.filter((s) => s.result === 'fail').length);
    expect(body(sheet(workbook, 'Deviations')).length).toBeGreaterThan(0);
    expect(body(sheet(workbook, 'Conclusions'))).toHaveLength(data.result.controls.length + data.result.criteria.length);
    expect(body(sheet(workbook, 'Findings'))).toHaveLength(data.findings.length);
    expect(data.findings.length).toBeGreaterThan(0);
  });

  it('lists the missing occurrences of period coverage among the samples and deviations the Tests sheet counts', async () => {
    const data = monthlyCoverageData();
    const workbook = await open(await renderWorkpapers(data));
    const counted = body(sheet(workbook, 'Tests')).find((row) => row[0] === 'CC1-01');
    const listed = body(sheet(workbook, 'Deviations')).filter((row) => row[0] === 'CC1-01');
    const missing = data.coverage.find((c) => c.control === 'CC1-01')?.missing ?? [];
    expect(missing.length).toBeGreaterThan(0);
    expect(listed.length).toBe(counted?.[5]);
    for (const occurrence of missing) expect(listed.map((row) => row[1])).toContain(occurrence);
    const sampled = body(sheet(workbook, 'Samples')).filter((row) => row[0] === 'CC1-01');
    expect(sampled.length).toBe(counted?.[3]);
  });

  it('writes dates as dates, counts as numbers and rates as percents', async () => {
    const data = scenarioData('qualified');
    const workbook = await open(await renderWorkpapers(data));
    const cover = sheet(workbook, 'Engagement');
    const value = (label: string) => body(cover).find((row) => row[0] === label)?.[1];
    expect(value('Period end')).toEqual(new Date('2026-06-30T00:00:00Z'));
    expect(value('Generated')).toEqual(new Date(data.generatedAt));
    expect(value('Tolerable deviation rate')).toBe(data.examination.engagement.sampling.tolerableRate);
    expect(cover.getCell('B10').numFmt).toBe('0.0%');

    const tests = sheet(workbook, 'Tests');
    const failing = data.result.controls.find((c) => c.conclusion === 'not_effective');
    const row = body(tests).find((r) => r[0] === failing?.id);
    expect(row?.[2]).toBe(250);
    expect(row?.[5]).toBe(failing?.deviations);
    expect(row?.[7]).toBeCloseTo(failing?.upperDeviationLimit ?? -1, 10);
    expect(tests.getRow(2).getCell(8).numFmt).toBe('0.0%');

    const finding = body(sheet(workbook, 'Findings'))[0];
    expect(finding?.[9]).toEqual(new Date(`${data.findings[0]?.identifiedOn}T00:00:00Z`));
  });

  it('keeps text that looks like a formula as text', async () => {
    const data = scenarioData('clean');
    const dangerous = ['=HYPERLINK("http://evil.example","open")', '+1+2', '-3+4', '@SUM(A1:A2)'];
    const [test, ...rest] = data.examination.tests;
    if (!test) throw new Error('scenario without tests');
    const samples = dangerous.map((text, i) => ({ item: text, result: 'pass' as const, note: text + String(i) }));
    const altered = { ...data, examination: { ...data.examination, tests: [{ ...test, samples }, ...rest] } };
    const bytes = await renderWorkpapers(altered);

    const rows = body(sheet(await open(bytes), 'Samples')).slice(0, dangerous.length);
    expect(rows.map((r) => [r[1], r[3]])).toEqual(dangerous.map((text, i) => [text, text + String(i)]));
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['xl/worksheets/sheet4.xml'] as Uint8Array);
    expect(xml).not.toMatch(/<f[ >]/);
  });
});

describe('a document as a workbook', () => {
  const document: ReportDocument = {
    meta: { title: 'Readiness assessment', subtitle: null, organization: 'Acme', system: 'Platform', period: '1 Jan – 30 Jun 2026', draftNotice: null, generatedAt: '2026-09-15T10:00:00.000Z', locale: 'en-GB' },
    sections: [
      { title: 'Criteria', blocks: [{ kind: 'paragraph', text: 'x', tone: null }, { kind: 'table', title: 'Criteria: met or not? [security]', columns: ['Criterion', 'Status'], rows: [['CC6.1', 'met'], ['CC6.2', '=cmd']] }] },
      { title: 'Actions', blocks: [{ kind: 'table', title: null, columns: ['Action'], rows: [['Fix AC-04']] }, { kind: 'table', title: 'Criteria: met or not? [security]', columns: ['A'], rows: [] }] },
    ],
  };

  it('gives every table a sheet of its own with a name Excel accepts, after a sheet saying what the document is', async () => {
    const workbook = await open(await renderDocumentWorkbook(document));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Document', 'Criteria met or not security', 'Actions', 'Criteria met or not (2)']);
    for (const worksheet of workbook.worksheets) expectSheetHabits(worksheet);
    expect(body(sheet(workbook, 'Criteria met or not security'))).toEqual([['CC6.1', 'met'], ['CC6.2', '=cmd']]);
    expect(body(sheet(workbook, 'Document'))[0]).toEqual(['Document', 'Readiness assessment']);
  });

  it('names sheets within 31 characters, without forbidden characters, unique without regard to case', () => {
    const taken = new Set<string>();
    const names = ['A very long table title that goes on and on', 'a very long table title that goes on and on', "'quoted'", 'History', '', '/\\?*'].map((n) => sheetName(n, taken));
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]|^'|'$/);
      expect(name).not.toBe('');
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names[1]).toMatch(/ \(2\)$/);
    // Cut between words: "Controls missing, untested or failing" does not end in "f".
    expect(sheetName('Controls missing, untested or failing', taken)).toBe('Controls missing, untested or');
  });
});
