/**
 * Charts as SVG, one drawing for the HTML (inline) and the PDF (pdfmake draws `svg` nodes): bars for one value per
 * label, lines for values over time. Every text is escaped here; the caller gives the width in points (PDF) or
 * CSS pixels (HTML) and the drawing scales with it.
 */
import { formatValue, SERIES_COLOURS, TONE_COLOURS } from './common.js';
import type { BarChart, Chart, LineChart, Tone } from './model.js';

const FONT = 'Roboto, Helvetica, Arial, sans-serif';
const TEXT_SIZE = 9;
const LABEL_CHARACTERS = 40;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A label cut to what fits its column: the full values are in the HTML's and Markdown's tables of the chart. */
function fitted(label: string, characters: number): string {
  return label.length <= characters ? label : `${label.slice(0, Math.max(1, characters - 1))}…`;
}

/** A text in the drawing's font (set once on the root: every element the PDF's SVG reader builds costs time). */
function text(x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end'): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
}

/** One path of rectangles of one colour: one element however many bars. */
function rectangles(boxes: { x: number; y: number; width: number; height: number }[], fill: string): string {
  if (boxes.length === 0) return '';
  const d = boxes.map((b) => `M${b.x.toFixed(1)} ${b.y.toFixed(1)}h${b.width.toFixed(1)}v${b.height.toFixed(1)}h${(-b.width).toFixed(1)}z`).join('');
  return `<path d="${d}" fill="${fill}"/>`;
}

function svg(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width.toFixed(1)}" height="${height.toFixed(1)}" viewBox="0 0 ${width.toFixed(1)} ${height.toFixed(1)}" role="img" font-family="${FONT}" font-size="${TEXT_SIZE}" fill="#263238">`,
    `<title>${escapeXml(title)}</title>`,
    ...body,
    '</svg>',
  ].join('');
}

/** The axis maximum: the chart's own, else the largest value, never 0 (an all-zero chart still draws). */
function axisMax(declared: number | null, values: number[]): number {
  const max = declared ?? Math.max(0, ...values);
  return max > 0 ? max : 1;
}

function barChart(chart: BarChart, width: number, locale: string): string {
  const row = 18;
  const labelWidth = Math.min(width * 0.35, 180);
  const valueWidth = 48;
  const barWidth = Math.max(10, width - labelWidth - valueWidth - 8);
  const max = axisMax(chart.max, chart.bars.map((b) => b.value));
  const bars = chart.bars.map((bar, i) => ({ bar, y: i * row, length: (Math.min(Math.max(bar.value, 0), max) / max) * barWidth }));
  const body = [
    ...(Object.keys(TONE_COLOURS) as Tone[]).map((tone) =>
      rectangles(
        bars.filter(({ bar }) => bar.tone === tone).map(({ y, length }) => ({ x: labelWidth, y: y + 3, width: length, height: row - 6 })),
        TONE_COLOURS[tone],
      ),
    ),
    ...bars.flatMap(({ bar, y, length }) => [
      text(labelWidth - 4, y + 12, fitted(bar.label, Math.floor(labelWidth / 5)), 'end'),
      text(labelWidth + length + 4, y + 12, formatValue(bar.value, chart.unit, locale), 'start'),
    ]),
  ];
  return svg(width, Math.max(1, chart.bars.length) * row, chart.title, body);
}

function lineChart(chart: LineChart, width: number, locale: string): string {
  const plot = { left: 44, right: width - 12, top: 8, bottom: 150 };
  const legendRow = 14;
  const legendTop = plot.bottom + 26;
  const height = legendTop + chart.series.length * legendRow;
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = axisMax(null, values);
  const step = chart.labels.length > 1 ? (plot.right - plot.left) / (chart.labels.length - 1) : 0;
  const x = (i: number) => (chart.labels.length > 1 ? plot.left + i * step : (plot.left + plot.right) / 2);
  const y = (v: number) => plot.bottom - (v / max) * (plot.bottom - plot.top);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((tick) => ({ value: tick * max, at: y(tick * max) }));
  const body: string[] = [
    `<path d="${ticks.map(({ at }) => `M${plot.left} ${at.toFixed(1)}H${plot.right.toFixed(1)}`).join('')}" stroke="#cfd8dc" stroke-width="0.5" fill="none"/>`,
    ...ticks.map(({ value, at }) => text(plot.left - 4, at + 3, formatValue(value, chart.unit, locale), 'end')),
  ];
  // As many x labels as fit without overlapping, evenly spread, the last always shown.
  const every = Math.max(1, Math.ceil(chart.labels.length / Math.max(1, Math.floor((plot.right - plot.left) / 60))));
  chart.labels.forEach((label, i) => {
    if (i % every === 0 || i === chart.labels.length - 1) body.push(text(x(i), plot.bottom + 12, fitted(label, 12), 'middle'));
  });
  chart.series.forEach((series, s) => {
    const colour = SERIES_COLOURS[s % SERIES_COLOURS.length] as string;
    // A null value breaks the line: each run of known values is a part of one path, a lone value a dot.
    const parts: string[] = [];
    let run: [number, number][] = [];
    const flush = () => {
      if (run.length === 1) body.push(`<circle cx="${run[0]![0].toFixed(1)}" cy="${run[0]![1].toFixed(1)}" r="2" fill="${colour}"/>`);
      if (run.length > 1) parts.push(`M${run.map(([px, py]) => `${px.toFixed(1)} ${py.toFixed(1)}`).join('L')}`);
      run = [];
    };
    series.values.forEach((value, i) => (value === null ? flush() : run.push([x(i), y(value)])));
    flush();
    if (parts.length > 0) body.push(`<path d="${parts.join('')}" fill="none" stroke="${colour}" stroke-width="1.5"/>`);
    const legendY = legendTop + s * legendRow;
    body.push(`<rect x="${plot.left}" y="${legendY + 2}" width="10" height="3" fill="${colour}"/>`);
    body.push(text(plot.left + 14, legendY + 7, fitted(series.name, LABEL_CHARACTERS), 'start'));
  });
  return svg(width, height, chart.title, body);
}

export function chartSvg(chart: Chart, width: number, locale: string): string {
  return chart.type === 'bar' ? barChart(chart, width, locale) : lineChart(chart, width, locale);
}

/** A chart's values as rows of a table (Markdown shows a chart this way; HTML beside the drawing for screen readers). */
export function chartTable(chart: Chart, locale: string): { columns: string[]; rows: string[][] } {
  if (chart.type === 'bar') {
    return { columns: ['', chart.title], rows: chart.bars.map((bar) => [bar.label, formatValue(bar.value, chart.unit, locale)]) };
  }
  return {
    columns: ['', ...chart.series.map((s) => s.name)],
    rows: chart.labels.map((label, i) => [label, ...chart.series.map((s) => (s.values[i] == null ? '–' : formatValue(s.values[i] as number, chart.unit, locale)))]),
  };
}
