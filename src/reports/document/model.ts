/**
 * The document model every Assay document is written in: a cover, then sections of blocks. The content builders
 * (`../documents/`) say what a document states; the renderers (PDF, HTML, Markdown, XLSX) only say how it looks, so
 * the same sentence is in every format. Text is plain (no markup): renderers escape it for their format.
 */

/** What every page carries and the cover shows. */
export interface DocumentMeta {
  /** The document's kind, e.g. "SOC 2 Type 2 report (draft)". */
  title: string;
  subtitle: string | null;
  organization: string;
  system: string;
  /** The period as a person reads it, already formatted in the organisation's locale. */
  period: string;
  /** A banner on the cover and every page when the document is not final, e.g. "Draft for the service auditor". */
  draftNotice: string | null;
  /** ISO date-time the document was generated (shown in the organisation's locale by the renderer's caller). */
  generatedAt: string;
  /** The organisation's locale (BCP 47), for numbers and dates the renderer formats itself. */
  locale: string;
}

export type Tone = 'good' | 'warning' | 'bad' | 'neutral';

export interface BarChart {
  type: 'bar';
  title: string;
  /** Shown after each value, e.g. "%". */
  unit: string | null;
  /** The axis maximum; the largest value when null. */
  max: number | null;
  bars: { label: string; value: number; tone: Tone }[];
}

export interface LineChart {
  type: 'line';
  title: string;
  unit: string | null;
  /** Labels of the x axis, in order; every series has one value per label (null where it has none). */
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
}

export type Chart = BarChart | LineChart;

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; tone: Tone | null }
  | { kind: 'list'; items: string[]; ordered: boolean }
  /** Every row has one cell per column. */
  | { kind: 'table'; title: string | null; columns: string[]; rows: string[][] }
  | { kind: 'facts'; items: { label: string; value: string }[] }
  | { kind: 'chart'; chart: Chart };

/** A section is one entry of the table of contents and starts on a new page in the PDF. */
export interface Section {
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  meta: DocumentMeta;
  sections: Section[];
}
