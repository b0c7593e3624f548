/**
 * Writing a workbook sheet by sheet with exceljs's streaming writer, so 25,000 sample rows are committed as they
 * are written rather than held as cell objects. Every sheet has the same habits: a bold header row that stays in
 * view (frozen), a filter on every column, widths that fit their content, dates as dates and rates as percents.
 * Text is always a text cell: exceljs writes a string as a string, never a formula, so a note that starts with
 * `=`, `+`, `-` or `@` is shown as typed (no formula injection), and nothing of the evidence is altered to make it so.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';

/** How a number is shown: a calendar date, a moment, a rate (a fraction shown as a percent), a count. */
export type ColumnFormat = 'text' | 'date' | 'date-time' | 'percent' | 'count';

/** A cell whose format is its own rather than its column's (a column of values of different kinds). */
export interface FormattedCell {
  value: number | Date | null;
  format: ColumnFormat;
}

export type CellValue = string | number | boolean | Date | null | FormattedCell;

export interface Column {
  header: string;
  /** Width in characters. */
  width: number;
  format?: ColumnFormat;
}

export interface SheetSpec {
  name: string;
  columns: readonly Column[];
  rows: Iterable<readonly CellValue[]>;
}

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  date: 'yyyy-mm-dd',
  'date-time': 'yyyy-mm-dd hh:mm',
  percent: '0.0%',
  count: '0',
};

/** The longest text Excel keeps in one cell. */
const MAX_CELL_TEXT = 32_767;

/** A calendar date (`2026-06-30`) as the day it names, whatever the time zone; null stays empty. */
export function dateCell(isoDate: string | null): Date | null {
  return isoDate === null ? null : new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
}

/** A moment (ISO date-time). */
export function momentCell(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

function isFormatted(value: CellValue): value is FormattedCell {
  return value !== null && typeof value === 'object' && !(value instanceof Date);
}

/** The value exceljs writes: text Excel would cut is cut with an ellipsis, visibly. */
function plain(value: CellValue): string | number | boolean | Date | null {
  if (isFormatted(value)) return value.value;
  return typeof value === 'string' && value.length > MAX_CELL_TEXT ? `${value.slice(0, MAX_CELL_TEXT - 1)}…` : value;
}

/** Writes the sheets, in order, into one XLSX file. */
export async function writeWorkbook(sheets: readonly SheetSpec[], creator = 'Assay'): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = creator;
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    sheet.columns = spec.columns.map((column) => ({
      header: column.header,
      width: column.width,
      ...(NUMBER_FORMATS[column.format ?? 'text'] !== undefined && { style: { numFmt: NUMBER_FORMATS[column.format ?? 'text'] } }),
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
    let count = 1;
    for (const values of spec.rows) {
      const row = sheet.addRow(values.map(plain));
      values.forEach((value, i) => {
        if (isFormatted(value)) row.getCell(i + 1).numFmt = NUMBER_FORMATS[value.format] ?? 'General';
      });
      row.commit();
      count += 1;
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: count, column: Math.max(1, spec.columns.length) } };
    sheet.commit();
  }
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
