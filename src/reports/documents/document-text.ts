/** A document's text, every block flattened to lines: what a reader would read, whatever the format. */
import type { Block, ReportDocument, Section } from '../document/model.js';

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
      return [block.text];
    case 'list':
      return block.items;
    case 'table':
      return [...(block.title === null ? [] : [block.title]), block.columns.join(' | '), ...block.rows.map((row) => row.join(' | '))];
    case 'facts':
      return block.items.map((item) => `${item.label}: ${item.value}`);
    case 'chart':
      return [block.chart.title, ...(block.chart.type === 'bar' ? block.chart.bars.map((b) => b.label) : [...block.chart.labels, ...block.chart.series.map((s) => s.name)])];
  }
}

export function sectionText(section: Section): string {
  return [section.title, ...section.blocks.flatMap(blockLines)].join('\n');
}

export function documentText(document: ReportDocument): string {
  const { meta } = document;
  const cover = [meta.title, meta.subtitle, meta.draftNotice, meta.organization, meta.system, meta.period].filter((line) => line !== null);
  return [...cover, ...document.sections.map(sectionText)].join('\n\n');
}
