/**
 * The auditor's request list as CSV, the columns auditors send: ID, Request, Control, Due date, Owner, Status,
 * Comment (header names matched ignoring case and spaces; Control, Owner, Status and Comment may be left out). An
 * import reads ID, Request, Control, Due date and Owner: status and comment are the organisation's answers, given
 * in Assay, and are written by the export. Every problem names the file's line and the column.
 */
import { CsvError, parseCsv } from '../sampling/population.js';
import type { Issue } from '../errors.js';
import { REQUEST_STATUSES, requestProblems, type EvidenceRequest, type RequestInput, type RequestStatus } from './requests.js';

export const REQUEST_CSV_COLUMNS = ['ID', 'Request', 'Control', 'Due date', 'Owner', 'Status', 'Comment'] as const;
type Column = (typeof REQUEST_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['ID', 'Request', 'Due date'];
const FIELD_OF: Partial<Record<Column, keyof RequestInput>> = { ID: 'code', Request: 'item', Control: 'control', 'Due date': 'dueOn', Owner: 'owner' };

const key = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/** A request read from a line of the file. */
export interface RequestRow extends RequestInput {
  line: number;
}

/**
 * The requests of a CSV list, or every problem found (as `file:line (Column): message`). `existing` are the ids
 * the engagement has already: those rows change a request, so their due date may be past.
 */
export function readRequestsCsv(text: string, file: string, today: string, existing: ReadonlySet<string>): { rows: RequestRow[]; issues: Issue[] } {
  let header: string[];
  let records: { line: number; cells: string[] }[];
  try {
    ({ header, records } = parseCsv(text));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { rows: [], issues: [{ location: `${file}:${error.line}`, message: `malformed CSV: ${error.problem}` }] };
  }
  const index = new Map<Column, number>();
  const issues: Issue[] = [];
  header.forEach((name, i) => {
    const column = REQUEST_CSV_COLUMNS.find((c) => key(c) === key(name));
    if (column === undefined) issues.push({ location: `${file}:1 (${name})`, message: `not a column of a request list (${REQUEST_CSV_COLUMNS.join(', ')})` });
    else if (index.has(column)) issues.push({ location: `${file}:1 (${name})`, message: 'this column is given twice' });
    else index.set(column, i);
  });
  for (const column of REQUIRED) if (!index.has(column)) issues.push({ location: `${file}:1`, message: `the column "${column}" is missing` });
  if (issues.length > 0) return { rows: [], issues };

  const cell = (cells: string[], column: Column) => {
    const at = index.get(column);
    return at === undefined ? '' : (cells[at] ?? '').trim();
  };
  const rows: RequestRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records) {
    const row: RequestRow = {
      line,
      code: cell(cells, 'ID'),
      item: cell(cells, 'Request'),
      control: cell(cells, 'Control') || null,
      dueOn: cell(cells, 'Due date'),
      owner: cell(cells, 'Owner') || null,
    };
    const status = cell(cells, 'Status');
    const problems = requestProblems(row, existing.has(row.code) ? '0000-01-01' : today);
    for (const problem of problems) {
      const column = REQUEST_CSV_COLUMNS.find((c) => FIELD_OF[c] === problem.path[0]) ?? 'ID';
      issues.push({ location: `${file}:${line} (${column})`, message: problem.message });
    }
    if (status !== '' && !(REQUEST_STATUSES as readonly string[]).includes(status.toLowerCase())) {
      issues.push({ location: `${file}:${line} (Status)`, message: `one of ${REQUEST_STATUSES.join(', ')}` });
    }
    const first = seen.get(row.code);
    if (row.code !== '' && first !== undefined) issues.push({ location: `${file}:${line} (ID)`, message: `${row.code} is listed twice (first at line ${first})` });
    seen.set(row.code, line);
    rows.push(row);
  }
  return { rows, issues };
}

/** A CSV field, quoted where it must be (RFC 4180); a leading formula character is defused for spreadsheets. */
function field(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The list as auditors keep it: one request a line, in the board's order; the comment is the answer's, or why it was returned. */
export function writeRequestsCsv(requests: readonly EvidenceRequest[]): string {
  const lines = [REQUEST_CSV_COLUMNS.join(',')];
  for (const r of requests) {
    const comment = r.status === 'returned' ? r.returnReason : r.comment;
    lines.push([r.code, r.item, r.control, r.dueOn, r.owner, r.status satisfies RequestStatus, comment].map(field).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
