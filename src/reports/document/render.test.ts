import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../test/support/pdf-pages.js';
import { printPdf } from './fonts.js';
import type { Block, ReportDocument } from './model.js';
import { columnWidths } from './pdf.js';
import { printableText } from './printable.js';
import { renderHtml, renderMarkdown, renderPdf } from './render.js';
import { HOSTILE_TEXTS, sampleDocument } from './testing.js';

/** A document of one section holding `blocks`, every text of the meta hostile too. */
function documentOf(blocks: Block[], title = 'Only section'): ReportDocument {
  const document = sampleDocument({ sections: 0, rows: 0 });
  return { ...document, meta: { ...document.meta, organization: '<b>Org</b> | **Inc**', system: 'Sys "A"' }, sections: [{ title, blocks }] };
}

const hostileBlocks: Block[] = [
  { kind: 'heading', text: HOSTILE_TEXTS[0] as string },
  { kind: 'paragraph', text: HOSTILE_TEXTS.join(' '), tone: 'bad' },
  { kind: 'list', items: HOSTILE_TEXTS, ordered: false },
  { kind: 'facts', items: HOSTILE_TEXTS.map((t) => ({ label: t, value: t })) },
  { kind: 'table', title: HOSTILE_TEXTS[1] as string, columns: ['Control', 'Title'], rows: HOSTILE_TEXTS.map((t, i) => [`C-${i}`, t]) },
  { kind: 'chart', chart: { type: 'bar', title: HOSTILE_TEXTS[0] as string, unit: '%', max: null, bars: HOSTILE_TEXTS.map((label) => ({ label, value: 50, tone: 'neutral' })) } },
];

describe('renderHtml', () => {
  const html = renderHtml(documentOf(hostileBlocks, '<script>x</script>'));

  it('escapes every text: no markup of the document reaches the page, and nothing is fetched or run', () => {
    expect(html).not.toMatch(/<script|<b>|<a href="http/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#60;b&#62;Org&#60;/b&#62;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['#section-1']);
  });

  it('keeps the page footer of the print CSS a string, whatever the organisation is called', () => {
    const footer = renderHtml({ ...documentOf([]), meta: { ...documentOf([]).meta, organization: 'A"}body{display:none}</style><script>' } });
    expect(footer).toContain('@bottom-left{content:"A\\22 }body{display:none}\\3c /style\\3e \\3c script\\3e ');
    expect(footer).not.toMatch(/<script/i);
  });

  it("writes the generated date in the document's locale, in English when the locale is unknown", () => {
    const dated = (locale: string) => renderHtml({ ...documentOf([]), meta: { ...documentOf([]).meta, locale } });
    expect(dated('en-US')).toContain('<dd>September 15, 2026</dd>');
    expect(dated('de-DE')).toContain('<dd>15. September 2026</dd>');
    expect(dated('not a locale')).toContain('<dd>15 September 2026</dd>');
  });

  it('renders every block kind', () => {
    for (const needle of ['<h2>', '<p class="tone-bad">', '<ul><li>', '<dl class="facts"><dt>', '<thead><tr><th>Control</th>', '<svg ', '<nav><h1>Contents</h1>']) expect(html).toContain(needle);
    expect(renderHtml(documentOf([{ kind: 'list', items: ['one'], ordered: true }]))).toContain('<ol><li>one</li></ol>');
  });
});

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(documentOf(hostileBlocks));

  it('escapes markup: a pipe stays in its cell, stars and brackets read as written', () => {
    const rows = markdown.split('\n').filter((line) => line.startsWith('| C-'));
    expect(rows).toHaveLength(HOSTILE_TEXTS.length);
    for (const row of rows) expect(row.match(/(?<!\\)\|/g)).toHaveLength(3);
    expect(markdown).toContain('\\*\\*not bold\\*\\*');
    expect(markdown).toContain('\\<script\\>');
    expect(markdown).toContain('\\[link\\]\\(http://x.example\\)');
    expect(markdown).not.toMatch(/^# not a heading/m);
  });

  it('renders every block kind, a chart as a table of its values', () => {
    const document = sampleDocument({ sections: 1, rows: 2 });
    const text = renderMarkdown(document);
    for (const needle of ['### Tests of controls, part 1', '- Inspected the access review tickets.', '1. Name a deputy reviewer.', '- **Controls:** 2', '| Control | Criteria | Test performed | Result |', '| CC6 | 80% |', '| Mar | – | 2 |'])
      expect(text).toContain(needle);
    expect(text).toContain('1. [Section 1: controls and tests](#section-1-controls-and-tests)');
  });

  prop.prop([fc.array(fc.string(), { minLength: 1, maxLength: 5 })])('keeps every table row to its columns, whatever the cells say', (cells) => {
    const text = renderMarkdown(documentOf([{ kind: 'table', title: null, columns: cells.map((_, i) => `c${i}`), rows: [cells] }]));
    const row = text.split('\n').at(-2) as string;
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(cells.length + 1);
  });
});

describe('columnWidths', () => {
  prop.prop([fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 12 }), fc.array(fc.array(fc.string({ maxLength: 300 }), { maxLength: 12 }), { maxLength: 30 })])(
    'fits the page and gives every column room',
    (columns, rows) => {
      const widths = columnWidths(columns, rows, 495);
      expect(widths).toHaveLength(columns.length);
      expect(widths.reduce((a, b) => a + b, 0) + columns.length * 6).toBeLessThanOrEqual(495);
      for (const width of widths) expect(width).toBeGreaterThan(0);
    },
  );
});

describe('renderPdf', () => {
  it('gives every page content, the running line and "Page X of Y", the draft notice and the watermark; the contents list every section with its page', async () => {
    const document = sampleDocument({ sections: 3, rows: 120 });
    const before = structuredClone(document);
    const progress: number[] = [];
    const pdf = await renderPdf(document, { watermark: 'jane@example.com 2026-12-05', onProgress: (done) => progress.push(done) });
    expect(document).toEqual(before);

    const { pages, blankPages, text } = await pdfPages(pdf);
    expect(pages).toBeGreaterThan(10);
    expect(blankPages).toEqual([]);
    text.forEach((page, i) => {
      expect(page).toContain('Acme Cloud, Inc. · Acme Analytics Platform · 1 January 2026 to 30 June 2026');
      expect(page).toContain(`Page ${i + 1} of ${pages}`);
      expect(page).toContain('Draft for the service auditor');
      expect(page.replace(/\s+/g, '')).toContain('jane@example.com2026-12-05');
    });
    const contents = text[1] as string;
    const sectionPages = document.sections.map((section) => {
      const listed = new RegExp(`^${section.title} (\\d+)$`, 'm').exec(contents);
      expect(listed, section.title).not.toBeNull();
      return Number(listed?.[1]);
    });
    // Each section starts on the page the contents give, on a page of its own.
    sectionPages.forEach((page, i) => expect((text[page - 1] as string).split('\n')[0]).toBe(document.sections[i]?.title));
    // A table that runs over pages repeats its header row on each.
    for (const page of text.filter((p) => /^C-\d-\d{4} /m.test(p))) expect(page).toContain('Control Criteria Test performed Result');

    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((done, i) => i === 0 || done >= (progress[i - 1] as number))).toBe(true);
  });

  it('renders every block kind as text a reader can copy, markup as written', async () => {
    const { text, blankPages } = await pdfPages(await renderPdf(documentOf(hostileBlocks), { watermark: null }));
    expect(blankPages).toEqual([]);
    const all = text.join('\n');
    for (const needle of ['<script>alert(1)</script>', 'a | b', '**not bold**', '& "quoted" \'single\'', 'Control Title', '<b>Org</b> | **Inc**']) expect(all).toContain(needle);
    // The chart's labels are drawn as text too.
    expect(all).toMatch(/# not a heading\s+50%/);
  });

  it("prints the engine's arrow and other characters its font lacks in ones it has, and leaves the rest as written", async () => {
    const blocks: Block[] = [{ kind: 'paragraph', tone: null, text: 'CC6.2 not met → qualified; ≤ 5% – café’s' }];
    const { text } = await pdfPages(await renderPdf(documentOf(blocks), { watermark: null }));
    expect(text.join('\n')).toContain('CC6.2 not met -> qualified; ≤ 5% – café’s');
    expect(printableText('a ⇒ b ∩ c ✓ ✗')).toBe('a => b and c yes no');
  });

  it('says nothing of a draft when the document is final, and stamps no watermark unless asked', async () => {
    const document = sampleDocument({ sections: 1, rows: 3, draftNotice: null });
    const { text } = await pdfPages(await renderPdf(document, { watermark: null }));
    expect(text.join('\n')).not.toContain('Draft');
    expect(text.join('\n')).not.toContain('@');
  });

  it('renders a document with no sections, and blocks with nothing in them, in every format', async () => {
    const empty: Block[] = [
      { kind: 'list', items: [], ordered: false },
      { kind: 'facts', items: [] },
      { kind: 'table', title: null, columns: [], rows: [] },
      { kind: 'chart', chart: { type: 'bar', title: 'No bars', unit: null, max: null, bars: [] } },
      { kind: 'chart', chart: { type: 'line', title: 'No series', unit: null, labels: [], series: [] } },
    ];
    expect((await pdfPages(await renderPdf(sampleDocument({ sections: 0, rows: 0 }), { watermark: null }))).pages).toBe(2);
    const { text } = await pdfPages(await renderPdf(documentOf(empty), { watermark: null }));
    expect(text.join('\n')).toContain('No series');
    expect(renderHtml(documentOf(empty))).toContain('No bars');
    expect(renderMarkdown(documentOf(empty))).toContain('#### No series');
  });

  it('counts a page with only its footer as blank (the page check can fail)', async () => {
    const pdf = await printPdf({ pageMargins: [50, 80, 50, 60], content: ['Some content.', { text: '', pageBreak: 'before' }], footer: (page) => ({ text: `Page ${page}`, margin: [40, 10] }) });
    expect(await pdfPages(pdf)).toMatchObject({ pages: 2, blankPages: [2] });
  });

  it('refuses to read a local file or a URL from a document definition; only the fonts are read', async () => {
    await expect(printPdf({ content: [{ image: '/etc/hostname' }] })).rejects.toThrow(/denied by resource access policy/);
    await expect(printPdf({ content: [{ image: 'logo' }], images: { logo: 'https://example.com/logo.png' } })).rejects.toThrow(/denied by resource access policy/);
  });
});
