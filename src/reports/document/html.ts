/**
 * A document as one self-contained HTML file: inline CSS, charts as inline SVG (with their values in a table
 * beside them), no script and nothing fetched (a Content-Security-Policy says so to the browser), every text
 * escaped. Printable: A4 pages, each section from a new page, the organisation, system, period and page numbers
 * in the page margins, the draft notice on every printed page.
 */
import { chartSvg, chartTable, escapeXml } from './charts.js';
import { coverFacts, runningLine, TONE_COLOURS } from './common.js';
import type { Block, ReportDocument } from './model.js';

const escapeHtml = escapeXml;

/**
 * A CSS string literal: quotes, backslashes and line ends as escapes, so a text can't close the string, and angle
 * brackets too, so it can't close the style element either.
 */
function cssString(text: string): string {
  return `"${text.replace(/["\\\n\r<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

function style(document: ReportDocument): string {
  const { meta } = document;
  const tones = Object.entries(TONE_COLOURS)
    .map(([tone, colour]) => `.tone-${tone}{color:${colour}}`)
    .join('');
  const draft = meta.draftNotice === null ? '' : `@top-center{content:${cssString(meta.draftNotice)};color:${TONE_COLOURS.bad};font-weight:bold}`;
  return [
    'body{font:14px/1.45 Roboto,Helvetica,Arial,sans-serif;color:#263238;max-width:60rem;margin:2rem auto;padding:0 1rem}',
    'h1{font-size:1.6rem;margin:2.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .4rem}',
    'table{border-collapse:collapse;width:100%;margin:0 0 1rem;font-size:.85rem}th,td{text-align:left;vertical-align:top;padding:.2rem .4rem;border-bottom:1px solid #cfd8dc}',
    'thead th{background:#eceff1}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0}',
    '.cover{padding:4rem 0 2rem}.cover h1{font-size:2.2rem;margin:0 0 .5rem}.subtitle{font-size:1.2rem;color:#455a64}',
    `.draft{color:${TONE_COLOURS.bad};font-weight:bold}figure{margin:0 0 1rem}figure table{margin-top:.5rem}`,
    'nav ol{padding-left:1.5rem}',
    tones,
    '@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}section,nav{break-before:page}thead{display:table-header-group}tr,figure{break-inside:avoid}a{color:inherit;text-decoration:none}}',
    `@page{size:A4;margin:20mm 18mm;@bottom-left{content:${cssString(runningLine(meta))};font-size:8pt;color:#546e7a}@bottom-right{content:"Page " counter(page) " of " counter(pages);font-size:8pt;color:#546e7a}${draft}}`,
  ].join('\n');
}

function table(columns: string[], rows: string[][]): string {
  const head = `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table>${head}<tbody>${body}</tbody></table>`;
}

function blockHtml(block: Block, locale: string): string {
  switch (block.kind) {
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return block.tone === null ? `<p>${escapeHtml(block.text)}</p>` : `<p class="tone-${block.tone}">${escapeHtml(block.text)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</${tag}>`;
    }
    case 'facts':
      return `<dl class="facts">${block.items.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('')}</dl>`;
    case 'table':
      return `${block.title === null ? '' : `<h3>${escapeHtml(block.title)}</h3>`}${table(block.columns, block.rows)}`;
    case 'chart': {
      const values = chartTable(block.chart, locale);
      return `<figure><h3>${escapeHtml(block.chart.title)}</h3>${chartSvg(block.chart, 640, locale)}${table(values.columns, values.rows)}</figure>`;
    }
  }
}

export function renderHtml(document: ReportDocument): string {
  const { meta } = document;
  const cover = [
    `<h1>${escapeHtml(meta.title)}</h1>`,
    meta.subtitle === null ? '' : `<p class="subtitle">${escapeHtml(meta.subtitle)}</p>`,
    meta.draftNotice === null ? '' : `<p class="draft">${escapeHtml(meta.draftNotice)}</p>`,
    `<dl class="facts">${coverFacts(meta).map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('')}</dl>`,
  ].join('');
  const contents = document.sections.map((s, i) => `<li><a href="#section-${i + 1}">${escapeHtml(s.title)}</a></li>`).join('');
  const sections = document.sections.map(
    (section, i) => `<section id="section-${i + 1}"><h1>${escapeHtml(section.title)}</h1>\n${section.blocks.map((b) => blockHtml(b, meta.locale)).join('\n')}</section>`,
  );
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(meta.locale)}">`,
    '<head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${meta.title} · ${meta.organization}`)}</title>`,
    `<style>\n${style(document)}\n</style></head>`,
    '<body>',
    `<header class="cover">${cover}</header>`,
    `<nav><h1>Contents</h1><ol>${contents}</ol></nav>`,
    ...sections,
    '</body></html>',
    '',
  ].join('\n');
}
