/**
 * A population as CSV, read one way wherever a sample is drawn (`assay sample` and the web's sampling page), so
 * the same file always gives the same items and so the same selection. RFC 4180: fields separated by commas,
 * records by CRLF or LF, a field in double quotes may hold commas, line breaks and doubled quotes; a byte-order
 * mark is dropped, fields are trimmed, and records with no content are skipped. Every problem names its line as
 * a person counts lines in the file (the header is line 1).
 */
import type { Issue } from '../errors.js';

export interface CsvRecord {
  /** The line the record starts on. */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  header: string[];
  records: CsvRecord[];
}

/** A CSV that cannot be read, with the line of the problem. */
export class CsvError extends Error {
  readonly line: number;
  readonly problem: string;
  constructor(line: number, problem: string) {
    super(`line ${line}: ${problem}`);
    this.name = 'CsvError';
    this.line = line;
    this.problem = problem;
  }
}

/** The header and the records; a record with more or fewer fields than the header is refused at its line. */
export function parseCsv(text: string): ParsedCsv {
  const [header, ...records] = readRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
  if (!header) return { header: [], records: [] };
  for (const record of records) {
    if (record.cells.length !== header.cells.length) {
      throw new CsvError(record.line, `${record.cells.length} fields where the header has ${header.cells.length}`);
    }
  }
  return { header: header.cells, records };
}

function readRecords(source: string): CsvRecord[] {
  const rows: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 1;
  const endField = () => {
    cells.push(field.trim());
    field = '';
  };
  const endRecord = () => {
    endField();
    if (cells.some((c) => c !== '')) rows.push({ line: start, cells });
    cells = [];
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') {
      if (field.trim() !== '') throw new CsvError(line, 'a quote in the middle of a field (write it as "" inside a quoted field)');
      field = '';
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) throw new CsvError(quoteLine, 'a quoted field is never closed');
  endRecord();
  return rows;
}

/** The column that most likely holds the item ids: one named like an id, else the first. */
export function defaultIdColumn(header: readonly string[]): string | null {
  const named = header.find((h) => /^(id|item|item[ _-]?id|key|number|ref(erence)?)$/i.test(h.trim()));
  return named ?? header.find((h) => /\bid\b/i.test(h)) ?? header[0] ?? null;
}

export interface Population {
  ids: string[];
  /** The line of each id, for messages. */
  lines: number[];
  /** A missing column, rows without an id. */
  issues: Issue[];
}

/** The item ids in `column`, with the line each comes from; `locate` names a line (and the column) for a problem. */
export function itemsInColumn(csv: ParsedCsv, column: string, locate: (line: number, column?: string) => string): Population {
  const index = csv.header.indexOf(column);
  const population: Population = { ids: [], lines: [], issues: [] };
  if (index === -1) {
    population.issues.push({ location: locate(1), message: `no column "${column}" (columns: ${csv.header.join(', ')})` });
    return population;
  }
  for (const record of csv.records) {
    const id = record.cells[index] as string;
    if (id === '') population.issues.push({ location: locate(record.line, column), message: 'empty item id' });
    else {
      population.ids.push(id);
      population.lines.push(record.line);
    }
  }
  return population;
}
