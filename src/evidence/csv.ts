/** Streams a CSV export row by row through csv-parse: memory stays flat however many rows the file has. */
import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import type { Row } from '../domain/index.js';
import { MalformedExportError } from './errors.js';
import { countBytes, type ReadTarget } from './source.js';

export interface CsvShape {
  /** The columns the format needs; a file without one is refused at its header. */
  required: readonly string[];
  /** A cell's value in the row; throws MalformedExportError for a value its column does not allow. */
  value(column: string, text: string, row: number): unknown;
}

/** The rows of a CSV file, keyed by its header's column names (parsed by name, never by position). */
export async function* readCsvRows(target: ReadTarget, shape: CsvShape): AsyncGenerator<Row> {
  const input = countBytes(createReadStream(target.path), target.onBytes);
  const records = input.pipe(parse({ bom: true, skip_empty_lines: true }));
  let header: string[] | null = null;
  let row = 0;
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      if (header === null) {
        header = checkHeader(target.file, record, shape.required);
        continue;
      }
      row++;
      const values: Row = {};
      for (let i = 0; i < header.length; i++) values[header[i] as string] = shape.value(header[i] as string, record[i] as string, row);
      yield values;
    }
  } catch (error) {
    if (error instanceof CsvError) throw new MalformedExportError(target.file, { row: row + 1 }, csvProblem(error, header));
    throw error;
  } finally {
    input.destroy();
  }
  if (header === null) throw new MalformedExportError(target.file, { line: 1 }, 'the file is empty: a CSV export starts with its header');
}

function checkHeader(file: string, record: string[], required: readonly string[]): string[] {
  const header = record.map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new MalformedExportError(file, { line: 1 }, `the column "${name}" appears twice in the header`);
    seen.add(name);
  }
  const missing = required.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new MalformedExportError(file, { line: 1 }, `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} that this format needs`);
  }
  return header;
}

function csvProblem(error: CsvError, header: string[] | null): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return `the row has ${(error as CsvError & { record?: unknown[] }).record?.length ?? 'a different number of'} fields where the header has ${header?.length ?? 'another number'}`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed before the file ends (is the file truncated?)';
    default:
      return `malformed CSV: ${error.message}`;
  }
}
