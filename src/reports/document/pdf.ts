/**
 * A document as PDF (pdfmake): a cover, a table of contents with page numbers, each section from a new page, the
 * organisation, system, period and "Page X of Y" on every page, the draft notice and the watermark (if any) on
 * every page. What keeps it near pdfmake's own floor (a plain document of the same text, bench/report): tables
 * with fixed column widths computed here once (auto widths measure every cell twice), flat content (no nested
 * stacks or columns in the body), one table layout object shared by every table.
 */
import type { Content, CustomTableLayout, Style, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { chartSvg } from './charts.js';
import { coverFacts, runningLine, TONE_COLOURS } from './common.js';
import { printPdf } from './fonts.js';
import type { Block, ReportDocument } from './model.js';
import { printableDocument } from './printable.js';
import type { RenderOptions } from './render.js';

/** A4 in points, and the margins the header and footer sit in. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGINS: [number, number, number, number] = [50, 60, 50, 50];
const CONTENT_WIDTH = PAGE.width - MARGINS[0] - MARGINS[2];
const CELL_PADDING = 3;

const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: (i) => (i === 0 ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => '#b0bec5',
  paddingLeft: () => CELL_PADDING,
  paddingRight: () => CELL_PADDING,
  paddingTop: () => 2,
  paddingBottom: () => 2,
  fillColor: (row) => (row === 0 ? '#eceff1' : null),
};

/**
 * Styles as plain objects spread into each node, not pdfmake's named styles: a named style is looked up anew for
 * every property of every line inside it (a table's every cell), which costs more than the table's own layout.
 */
const STYLE = {
  title: { fontSize: 24, bold: true },
  subtitle: { fontSize: 14, color: '#455a64' },
  draft: { fontSize: 11, bold: true, color: TONE_COLOURS.bad },
  h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
  h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
  h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 4] },
  p: { margin: [0, 0, 0, 6] },
  table: { fontSize: 8, margin: [0, 0, 0, 8] },
  running: { fontSize: 7.5, color: '#546e7a' },
} satisfies Record<string, Style>;

/** Rows a column's width is judged from: enough to see its usual length, few enough to cost nothing. */
const SAMPLE_ROWS = 200;

/**
 * Fixed widths for a table's columns, in points: each column's share of the width grows with its usual text length
 * (header and a sample of rows, a long outlier capped), and no column is narrower than its header's longest word.
 */
export function columnWidths(columns: string[], rows: string[][], width: number): number[] {
  const available = width - columns.length * 2 * CELL_PADDING;
  const sample = rows.slice(0, SAMPLE_ROWS);
  const weights = columns.map((header, c) => {
    const total = sample.reduce((sum, row) => sum + Math.min((row[c] ?? '').length, 120), header.length);
    // The square root: a column of long sentences gets more room than one of short words, not all of it.
    return Math.sqrt(Math.max(4, total / (sample.length + 1)));
  });
  const floors = columns.map((header) => Math.min(available / columns.length, Math.max(24, ...header.split(/\s+/).map((w) => w.length * 5.5))));
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w, c) => Math.max(floors[c] as number, (w / sum) * available));
  // The floors may push the total over the page: scale back to fit.
  const scale = available / raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => Math.floor(w * scale * 10) / 10);
}

/** A list of facts: labels as wide as the longest needs (up to 40% of the page), values the rest. */
function factWidths(labels: string[]): [number, number] {
  const available = CONTENT_WIDTH - 4 * CELL_PADDING;
  const label = Math.min(available * 0.4, Math.max(60, ...labels.map((l) => l.length * 5.2)));
  return [label, available - label];
}

function blockContent(block: Block, locale: string): Content[] {
  switch (block.kind) {
    case 'heading':
      return [{ text: block.text, ...STYLE.h2 }];
    case 'paragraph':
      return [block.tone === null ? { text: block.text, ...STYLE.p } : { text: block.text, ...STYLE.p, color: TONE_COLOURS[block.tone] }];
    case 'list':
      // pdfmake writes its measurements into the arrays it is given: copies keep the document as it was.
      return [block.ordered ? { ol: [...block.items], ...STYLE.p } : { ul: [...block.items], ...STYLE.p }];
    case 'facts':
      return block.items.length === 0
        ? []
        : [
            {
              table: { widths: factWidths(block.items.map((f) => f.label)), body: block.items.map((f) => [{ text: f.label, bold: true }, f.value]) },
              layout: 'noBorders',
              ...STYLE.p,
            },
          ];
    case 'table': {
      const title: Content[] = block.title === null ? [] : [{ text: block.title, ...STYLE.h3 }];
      if (block.columns.length === 0) return title;
      return [
        ...title,
        {
          table: {
            headerRows: 1,
            widths: columnWidths(block.columns, block.rows, CONTENT_WIDTH),
            body: [block.columns.map((column) => ({ text: column, bold: true })), ...block.rows.map((row) => [...row])],
          },
          layout: TABLE_LAYOUT,
          ...STYLE.table,
        },
      ];
    }
    case 'chart':
      // A chart keeps its title on its page.
      return [
        {
          stack: [
            { text: block.chart.title, ...STYLE.h3 },
            { svg: chartSvg(block.chart, CONTENT_WIDTH, locale), width: CONTENT_WIDTH, ...STYLE.p },
          ],
          unbreakable: true,
        },
      ];
  }
}

function cover(document: ReportDocument): Content[] {
  const { meta } = document;
  return [
    { text: meta.title, ...STYLE.title, margin: [0, 160, 0, 8] },
    ...(meta.subtitle === null ? [] : [{ text: meta.subtitle, ...STYLE.subtitle }]),
    ...(meta.draftNotice === null ? [] : [{ text: meta.draftNotice, ...STYLE.draft, margin: [0, 16, 0, 0] as [number, number, number, number] }]),
    {
      table: { widths: factWidths(coverFacts(meta).map((f) => f.label)), body: coverFacts(meta).map((f) => [{ text: f.label, bold: true }, f.value]) },
      layout: 'noBorders',
      margin: [0, 32, 0, 0],
    },
  ];
}

export function pdfDefinition(document: ReportDocument, options: Pick<RenderOptions, 'watermark'>): TDocumentDefinitions {
  const { meta } = document;
  const line = runningLine(meta);
  const sections: Content[] = document.sections.flatMap((section): Content[] => [
    { text: section.title, ...STYLE.h1, tocItem: true, pageBreak: 'before' },
    ...section.blocks.flatMap((block) => blockContent(block, meta.locale)),
  ]);
  return {
    pageSize: 'A4',
    pageMargins: MARGINS,
    info: { title: meta.title, author: meta.organization, subject: line, creator: 'Assay', producer: 'Assay', creationDate: new Date(meta.generatedAt) },
    language: meta.locale,
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    header: () =>
      meta.draftNotice === null ? null : { text: meta.draftNotice, ...STYLE.draft, fontSize: 8, alignment: 'center', margin: [MARGINS[0], 24, MARGINS[2], 0] },
    footer: (page, pages) => ({
      columns: [
        { text: line, width: CONTENT_WIDTH - 90 },
        { text: `Page ${page} of ${pages}`, width: 90, alignment: 'right' },
      ],
      ...STYLE.running,
      margin: [MARGINS[0], 20, MARGINS[2], 0],
    }),
    watermark: options.watermark === null ? undefined : { text: options.watermark, color: '#78909c', opacity: 0.18, bold: true },
    content: [
      ...cover(document),
      { toc: { title: { text: 'Contents', ...STYLE.h1 } }, pageBreak: 'before' },
      ...sections,
    ],
  };
}

/**
 * Share of a PDF's time spent laying it out before pdfmake writes the first page: about half for a document of
 * tables (bench/report). pdfmake reports nothing while it lays out, so progress waits there, then moves with
 * every item written.
 */
const LAYOUT_SHARE = 0.55;

export async function renderPdf(document: ReportDocument, options: RenderOptions): Promise<Buffer> {
  const report = options.onProgress;
  let reported = 0;
  report?.(0);
  // pdfmake reports every item it writes: pass on whole percents only, after the layout's share.
  const onProgress =
    report === undefined
      ? undefined
      : (written: number) => {
          const done = LAYOUT_SHARE + (1 - LAYOUT_SHARE) * written;
          if (done - reported >= 0.01) {
            reported = done;
            report(Math.min(done, 0.99));
          }
        };
  const buffer = await printPdf(pdfDefinition(printableDocument(document), options), onProgress);
  report?.(1);
  return buffer;
}
