/**
 * A document as GitHub Markdown: the cover as a title and facts, a table of contents linking each section, tables
 * with escaped pipes, a chart as a small table of its values. Every text is escaped, so a control titled `**x**`
 * or `<script>` reads as written.
 */
import { chartTable } from './charts.js';
import { coverFacts } from './common.js';
import type { Block, ReportDocument } from './model.js';

/**
 * Plain text as Markdown that shows it literally: ASCII punctuation Markdown gives a meaning is backslash-escaped,
 * and a line that would open a list, a heading or a quote is escaped at its start. Line ends become spaces: the
 * callers put text on one line (a paragraph, a list item, a table cell).
 */
function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_{}[\]<>()#+!|~&]/g, '\\$&')
    .replace(/^(\s*)([-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

function table(columns: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.map((c) => escapeMarkdown(c) || ' ').join(' | ')} |`;
  return [line(columns), `|${columns.map(() => ' --- |').join('')}`, ...rows.map(line)];
}

function blockMarkdown(block: Block, locale: string): string[] {
  switch (block.kind) {
    case 'heading':
      return [`### ${escapeMarkdown(block.text)}`];
    case 'paragraph':
      return [escapeMarkdown(block.text)];
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${escapeMarkdown(item)}`);
    case 'facts':
      return block.items.map((f) => `- **${escapeMarkdown(f.label)}:** ${escapeMarkdown(f.value)}`);
    case 'table':
      return [...(block.title === null ? [] : [`#### ${escapeMarkdown(block.title)}`, '']), ...table(block.columns, block.rows)];
    case 'chart': {
      const values = chartTable(block.chart, locale);
      return [`#### ${escapeMarkdown(block.chart.title)}`, '', ...table(values.columns, values.rows)];
    }
  }
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens; repeats numbered. */
function anchors(titles: string[]): string[] {
  const seen = new Map<string, number>();
  return titles.map((title) => {
    const base = title.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  });
}

export function renderMarkdown(document: ReportDocument): string {
  const { meta } = document;
  const links = anchors(document.sections.map((s) => s.title));
  const lines = [
    `# ${escapeMarkdown(meta.title)}`,
    ...(meta.subtitle === null ? [] : ['', escapeMarkdown(meta.subtitle)]),
    ...(meta.draftNotice === null ? [] : ['', `> **${escapeMarkdown(meta.draftNotice)}**`]),
    '',
    ...coverFacts(meta).map((f) => `- **${f.label}:** ${escapeMarkdown(f.value)}`),
    '',
    '## Contents',
    '',
    ...document.sections.map((s, i) => `${i + 1}. [${escapeMarkdown(s.title)}](#${links[i]})`),
  ];
  for (const section of document.sections) {
    lines.push('', `## ${escapeMarkdown(section.title)}`);
    for (const block of section.blocks) lines.push('', ...blockMarkdown(block, meta.locale));
  }
  return `${lines.join('\n')}\n`;
}
