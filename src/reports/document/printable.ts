/**
 * The characters the PDF's font (Roboto, as pdfmake ships it) has no glyph for, and what is printed instead: the
 * engine's reasons write "→", which would otherwise come out as an empty box. Only the PDF needs this; HTML and
 * Markdown leave the text to the reader's fonts.
 */
import type { Block, Chart, ReportDocument } from './model.js';

const SUBSTITUTES: Readonly<Record<string, string>> = { '→': '->', '⇒': '=>', '∩': 'and', '✓': 'yes', '✗': 'no' };
const MISSING = new RegExp(`[${Object.keys(SUBSTITUTES).join('')}]`, 'gu');

export function printableText(text: string): string {
  return text.replace(MISSING, (character) => SUBSTITUTES[character] ?? character);
}

function printableChart(chart: Chart): Chart {
  return chart.type === 'bar'
    ? { ...chart, title: printableText(chart.title), bars: chart.bars.map((bar) => ({ ...bar, label: printableText(bar.label) })) }
    : { ...chart, title: printableText(chart.title), labels: chart.labels.map(printableText), series: chart.series.map((s) => ({ ...s, name: printableText(s.name) })) };
}

function printableBlock(block: Block): Block {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
      return { ...block, text: printableText(block.text) };
    case 'list':
      return { ...block, items: block.items.map(printableText) };
    case 'table':
      return { ...block, title: block.title && printableText(block.title), columns: block.columns.map(printableText), rows: block.rows.map((row) => row.map(printableText)) };
    case 'facts':
      return { ...block, items: block.items.map((item) => ({ label: printableText(item.label), value: printableText(item.value) })) };
    case 'chart':
      return { ...block, chart: printableChart(block.chart) };
  }
}

/** The document with every text the PDF prints in characters its font has. */
export function printableDocument(document: ReportDocument): ReportDocument {
  const { meta } = document;
  return {
    meta: {
      ...meta,
      title: printableText(meta.title),
      subtitle: meta.subtitle && printableText(meta.subtitle),
      organization: printableText(meta.organization),
      system: printableText(meta.system),
      period: printableText(meta.period),
      draftNotice: meta.draftNotice && printableText(meta.draftNotice),
    },
    sections: document.sections.map((section) => ({ title: printableText(section.title), blocks: section.blocks.map(printableBlock) })),
  };
}
