/**
 * A written document's tables as a workbook: a first sheet saying what the document is (its cover's facts), then
 * every table of every section as a sheet of its own, named after the table (or its section) within Excel's rules.
 */
import type { ReportDocument } from '../document/model.js';
import type { SheetSpec } from './sheets.js';

/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31;

/** At most `length` characters, cut between words where a word boundary leaves at least half of them. */
function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  const head = text.slice(0, length);
  const space = head.lastIndexOf(' ');
  return (space >= length / 2 ? head.slice(0, space) : head).trimEnd();
}

/**
 * A sheet name Excel accepts, unique among `taken` (compared without case, as Excel does): none of `[]:*?/\`, no
 * apostrophe at either end, at most 31 characters, never the reserved "History"; a repeated name gets " (2)", " (3)".
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  let base = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  if (base === '' || base.toLowerCase() === 'history') base = base === '' ? 'Table' : `${base} table`;
  base = cut(base, MAX_SHEET_NAME);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    name = `${cut(base, MAX_SHEET_NAME - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** A column as wide as its longest line (header included), between 8 and 80 characters. */
function widthOf(header: string, cells: readonly string[]): number {
  const longest = Math.max(header.length, ...cells.map((cell) => Math.max(...cell.split('\n').map((line) => line.length))));
  return Math.min(80, Math.max(8, longest + 2));
}

export function documentSheets(document: ReportDocument): SheetSpec[] {
  const { meta } = document;
  const taken = new Set<string>();
  const facts: [string, string | null][] = [
    ['Document', meta.title],
    ['Subtitle', meta.subtitle],
    ['Organisation', meta.organization],
    ['System', meta.system],
    ['Period', meta.period],
    ['Notice', meta.draftNotice],
    ['Generated', meta.generatedAt],
  ];
  const sheets: SheetSpec[] = [
    {
      name: sheetName('Document', taken),
      columns: [
        { header: 'Item', width: 16 },
        { header: 'Value', width: widthOf('Value', facts.map(([, v]) => v ?? '')) },
      ],
      rows: facts.filter(([, value]) => value !== null),
    },
  ];
  for (const section of document.sections) {
    for (const block of section.blocks) {
      if (block.kind !== 'table') continue;
      sheets.push({
        name: sheetName(block.title ?? section.title, taken),
        columns: block.columns.map((header, i) => ({ header, width: widthOf(header, block.rows.map((row) => row[i] ?? '')) })),
        rows: block.rows,
      });
    }
  }
  return sheets;
}
