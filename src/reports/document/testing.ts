/**
 * A document with every block kind, for the renderers' tests and the report benchmark's synthetic mode: as many
 * sections and table rows as asked, texts that a careless renderer would read as markup.
 */
import type { ReportDocument, Section } from './model.js';

export const HOSTILE_TEXTS = ['<script>alert(1)</script>', 'a | b', '**not bold**', '# not a heading', '[link](http://x.example)', '& "quoted" \'single\''];

export interface SampleDocumentOptions {
  sections: number;
  /** Rows of each section's table. */
  rows: number;
  draftNotice?: string | null;
}

function section(n: number, rows: number): Section {
  return {
    title: `Section ${n}: controls and tests`,
    blocks: [
      { kind: 'heading', text: `Tests of controls, part ${n}` },
      { kind: 'paragraph', text: `The service auditor inspected a sample of each control's occurrences in part ${n} of the period.`, tone: null },
      { kind: 'paragraph', text: 'Exceptions were noted for one control.', tone: 'bad' },
      { kind: 'list', items: ['Inspected the access review tickets.', 'Reperformed the quarterly reconciliation.'], ordered: false },
      { kind: 'list', items: ['Name a deputy reviewer.', 'Retest in the next quarter.'], ordered: true },
      { kind: 'facts', items: [{ label: 'Controls', value: String(rows) }, { label: 'Deviations', value: '3' }] },
      {
        kind: 'table',
        title: `Controls of part ${n}`,
        columns: ['Control', 'Criteria', 'Test performed', 'Result'],
        rows: Array.from({ length: rows }, (_, i) => [
          `C-${n}-${String(i + 1).padStart(4, '0')}`,
          'CC6.1, CC6.2',
          `Inspected a sample of 25 of 250 occurrences of control ${i + 1} and agreed each to its approval.`,
          i % 17 === 0 ? `2 deviations in 25 samples: the approval was recorded after the change (${i + 1}).` : 'No exceptions noted.',
        ]),
      },
      { kind: 'chart', chart: { type: 'bar', title: 'Criteria met per series', unit: '%', max: 100, bars: ['CC1', 'CC6', 'CC7'].map((label, i) => ({ label, value: 100 - i * 20, tone: i === 0 ? 'good' : i === 1 ? 'warning' : 'bad' })) } },
      { kind: 'chart', chart: { type: 'line', title: 'Open findings', unit: null, labels: ['Jan', 'Feb', 'Mar', 'Apr'], series: [{ name: 'Open', values: [4, 3, null, 1] }, { name: 'Closed', values: [0, 1, 2, 4] }] } },
    ],
  };
}

export function sampleDocument(options: SampleDocumentOptions): ReportDocument {
  return {
    meta: {
      title: 'SOC 2 Type 2 report (draft)',
      subtitle: 'Controls relevant to security',
      organization: 'Acme Cloud, Inc.',
      system: 'Acme Analytics Platform',
      period: '1 January 2026 to 30 June 2026',
      draftNotice: options.draftNotice === undefined ? 'Draft for the service auditor' : options.draftNotice,
      generatedAt: '2026-09-15T10:00:00.000Z',
      locale: 'en-GB',
    },
    sections: Array.from({ length: options.sections }, (_, i) => section(i + 1, options.rows)),
  };
}
