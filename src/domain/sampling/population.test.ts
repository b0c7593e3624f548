import { describe, expect, it } from 'vitest';
import { CsvError, defaultIdColumn, itemsInColumn, parseCsv } from './population.js';

const at = (line: number, column?: string) => `line ${line}${column === undefined ? '' : ` (${column})`}`;

describe('reading a population CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks, and counts lines as a person does', () => {
    const csv = parseCsv('\uFEFFid , note\r\nA-1,"say ""hi"", twice"\r\n\r\nA-2,"two\nlines"\nA-3,  spaced  \n,\n');
    expect(csv.header).toEqual(['id', 'note']);
    expect(csv.records).toEqual([
      { line: 2, cells: ['A-1', 'say "hi", twice'] },
      { line: 4, cells: ['A-2', 'two\nlines'] },
      { line: 6, cells: ['A-3', 'spaced'] },
    ]);
  });

  it('refuses an unclosed quote, a quote inside a field and a row of another width, naming the line', () => {
    expect(() => parseCsv('id\nA-1\n"A-2\nA-3')).toThrow(new CsvError(3, 'a quoted field is never closed'));
    expect(() => parseCsv('id\nA"1\n')).toThrow(new CsvError(2, 'a quote in the middle of a field (write it as "" inside a quoted field)'));
    expect(() => parseCsv('id,owner\nA-1,x\n\nA-2\n')).toThrow(new CsvError(4, '1 fields where the header has 2'));
  });

  it('finds the id column, a missing one, and the rows without an id', () => {
    expect(defaultIdColumn(['name', 'Ticket ID', 'date'])).toBe('Ticket ID');
    expect(defaultIdColumn(['name', 'date'])).toBe('name');
    const csv = parseCsv('name,id\nAda,A-1\nBob,\nCy,C-3');
    expect(itemsInColumn(csv, 'id', at)).toEqual({ ids: ['A-1', 'C-3'], lines: [2, 4], issues: [{ location: 'line 3 (id)', message: 'empty item id' }] });
    expect(itemsInColumn(csv, 'ticket', at)).toEqual({ ids: [], lines: [], issues: [{ location: 'line 1', message: 'no column "ticket" (columns: name, id)' }] });
  });
});
