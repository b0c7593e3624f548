/**
 * A population pasted or uploaded as CSV, read as `assay sample` reads one (a header row, a byte-order mark
 * dropped, fields trimmed, empty lines skipped), and the selection by the published rule: the domain's own
 * `selectSample`, which runs here as on the command line. Every problem names its line, as a person counts
 * lines in the file (the header is line 1).
 */
import type { Issue } from '@assay/domain/errors.js';
import { ValidationError } from '@assay/domain/errors.js';
import { selectSample, type RankedItem } from '@assay/domain/sampling/selection.js';

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
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
    this.line = line;
  }
}

/**
 * RFC 4180: fields separated by commas, records by CRLF or LF, a field in double quotes may hold commas,
 * line breaks and doubled quotes. Records with no content are skipped.
 */
export function parseCsv(text: string): ParsedCsv {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
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
  const [header, ...records] = rows;
  if (!header) return { header: [], records: [] };
  return { header: header.cells, records };
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
  /** Rows without an id. */
  issues: Issue[];
}

/** The item ids in `column`, with the line each comes from. */
export function populationOf(csv: ParsedCsv, column: string): Population {
  const index = csv.header.indexOf(column);
  const population: Population = { ids: [], lines: [], issues: [] };
  if (index === -1) return population;
  for (const record of csv.records) {
    const id = record.cells[index] ?? '';
    if (id === '') population.issues.push({ location: `line ${record.line}`, message: `no ${column}` });
    else {
      population.ids.push(id);
      population.lines.push(record.line);
    }
  }
  return population;
}

export type Selection = { ok: true; items: RankedItem[] } | { ok: false; title: string; issues: Issue[] };

/** The published rule over the population: the first `size` by hex SHA-256 of `<seed>:<id>`; duplicates refused. */
export function selectFrom(population: Population, size: number, seed: string): Selection {
  if (population.issues.length > 0) return { ok: false, title: 'Some rows have no item id', issues: population.issues };
  try {
    return { ok: true, items: selectSample(population.ids, size, seed, (i) => `line ${population.lines[i]}`) };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, title: error.summary, issues: error.issues };
    throw error;
  }
}

/** A seed nobody chose: 16 random hex digits from the browser's cryptographic generator. */
export function randomSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
