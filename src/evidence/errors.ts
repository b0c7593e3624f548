/** A malformed export: bad input named by file and row and field, refused before any result is reported. */
import { ValidationError } from '../domain/index.js';

export class MalformedExportError extends ValidationError {
  constructor(file: string, where: { row?: number; field?: string; line?: number }, message: string) {
    super([{ location: locationOf(file, where), message }], 'An export is not valid');
    this.name = 'MalformedExportError';
  }
}

/** `evidence/hr.csv: row 3, field termination_date`, `evidence/okta.json: row 7`, or `evidence/hr.csv:1`. */
function locationOf(file: string, { row, field, line }: { row?: number; field?: string; line?: number }): string {
  if (line !== undefined) return `${file}:${line}`;
  const parts = [row !== undefined ? `row ${row}` : null, field !== undefined ? `field ${field}` : null].filter((p) => p !== null);
  return parts.length > 0 ? `${file}: ${parts.join(', ')}` : file;
}
