/**
 * The auditor's workpapers: what the engagement rests on, one sheet each, in the order an auditor reads them:
 * the cover (who, what, when, and the sampling settings every conclusion was drawn with), the controls, their
 * tests, every sample, the deviations among them, the conclusions on controls and criteria, and the findings.
 * Values keep their type (dates, counts, rates) so a reviewer can sort, filter and re-add them.
 */
import { CATEGORY_NAMES, FREQUENCY_NAMES, words } from '../../domain/format.js';
import { effectivePervasive, effectiveSeverity, type ControlResult, type Finding } from '../../domain/index.js';
import type { ReportData } from '../documents/data.js';
import { examinedWithCoverage } from '../documents/examined.js';
import { dateCell, momentCell, type CellValue, type SheetSpec } from './sheets.js';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
const wordsOr = (value: string | null): string | null => (value === null ? null : words(value));

function cover(data: ReportData): SheetSpec {
  const { engagement } = data.examination;
  const rows: [string, CellValue][] = [
    ['Organisation', engagement.organization],
    ['System', engagement.system],
    ['Report type', engagement.reportType === 'type1' ? 'Type 1' : 'Type 2'],
    ['Period start', { value: dateCell(engagement.periodStart), format: 'date' }],
    ['Period end', { value: dateCell(engagement.periodEnd), format: 'date' }],
    ['Categories', engagement.categories.map((c) => CATEGORY_NAMES[c]).join(', ')],
    ['Generated', { value: momentCell(data.generatedAt), format: 'date-time' }],
    ['Confidence', { value: engagement.sampling.confidence, format: 'percent' }],
    ['Tolerable deviation rate', { value: engagement.sampling.tolerableRate, format: 'percent' }],
    ['Pervasive from (series)', engagement.pervasiveness.minSeries],
    ['Pervasive from (share of criteria)', { value: engagement.pervasiveness.minShare, format: 'percent' }],
    ['Forecast opinion', words(data.result.opinion.overall)],
  ];
  return {
    name: 'Engagement',
    columns: [
      { header: 'Item', width: 34 },
      { header: 'Value', width: 44 },
    ],
    // One column of dates, rates and words alike: each cell carries its own format.
    rows,
  };
}

function controls(data: ReportData): SheetSpec {
  const results = new Map(data.result.controls.map((c) => [c.id, c]));
  return {
    name: 'Controls',
    columns: [
      { header: 'Control', width: 14 },
      { header: 'Title', width: 60 },
      { header: 'Criteria', width: 24 },
      { header: 'Frequency', width: 14 },
      { header: 'Nature', width: 12 },
      { header: 'Key', width: 8 },
      { header: 'Design', width: 12 },
      { header: 'Compensates', width: 16 },
      { header: 'Owner', width: 30 },
      { header: 'Conclusion', width: 26 },
    ],
    rows: data.examination.controls.map((c) => [
      c.id,
      c.title,
      c.criteria.join(', '),
      FREQUENCY_NAMES[c.frequency],
      c.nature,
      yesNo(c.key),
      c.design,
      c.compensates.join(', '),
      c.owner,
      wordsOr(results.get(c.id)?.conclusion ?? null),
    ]),
  };
}

function tests(data: ReportData): SheetSpec {
  const results = new Map(data.result.controls.map((c) => [c.id, c]));
  return {
    name: 'Tests',
    columns: [
      { header: 'Control', width: 14 },
      { header: 'Method', width: 14 },
      { header: 'Population', width: 12, format: 'count' },
      { header: 'Samples tested', width: 14, format: 'count' },
      { header: 'Required sample', width: 16, format: 'count' },
      { header: 'Deviations', width: 12, format: 'count' },
      { header: 'Deviation rate', width: 14, format: 'percent' },
      { header: 'Upper deviation limit', width: 20, format: 'percent' },
      { header: 'Scope limitation', width: 40 },
      { header: 'Conclusion', width: 26 },
    ],
    rows: data.examination.tests.map((t) => {
      const result: ControlResult | undefined = results.get(t.control);
      return [
        t.control,
        t.method,
        t.populationSize,
        result?.sampleSize ?? t.samples.length,
        result?.requiredSampleSize ?? null,
        result?.deviations ?? t.samples.filter((s) => s.result === 'fail').length,
        result?.deviationRate ?? null,
        result?.upperDeviationLimit ?? null,
        t.scopeLimitation,
        wordsOr(result?.conclusion ?? null),
      ];
    }),
  };
}

function* sampleRows(data: ReportData, only?: 'fail'): Generator<CellValue[]> {
  for (const test of data.examination.tests) {
    for (const sample of test.samples) {
      if (only === undefined) yield [test.control, sample.item, sample.result, sample.note];
      else if (sample.result === only) yield [test.control, sample.item, sample.note];
    }
  }
}

function samples(data: ReportData): SheetSpec {
  return {
    name: 'Samples',
    columns: [
      { header: 'Control', width: 14 },
      { header: 'Item', width: 24 },
      { header: 'Result', width: 10 },
      { header: 'Note', width: 60 },
    ],
    rows: sampleRows(data),
  };
}

function deviations(data: ReportData): SheetSpec {
  return {
    name: 'Deviations',
    columns: [
      { header: 'Control', width: 14 },
      { header: 'Item', width: 24 },
      { header: 'Note', width: 60 },
    ],
    rows: sampleRows(data, 'fail'),
  };
}

function conclusions(data: ReportData): SheetSpec {
  const { result } = data;
  return {
    name: 'Conclusions',
    columns: [
      { header: 'On', width: 12 },
      { header: 'Id', width: 14 },
      { header: 'Conclusion', width: 26 },
      { header: 'Controls', width: 24 },
      { header: 'Reasons', width: 90 },
      { header: 'Warnings', width: 40 },
    ],
    rows: [
      ...result.controls.map((c) => ['control', c.id, words(c.conclusion), null, c.reasons.join('\n'), c.warnings.join('\n')]),
      ...result.criteria.map((c) => ['criterion', c.id, words(c.status), c.controls.join(', '), c.reasons.join('\n'), null]),
    ],
  };
}

/** The earliest due date among a finding's actions not yet done. */
function nextDue(finding: Finding): string | null {
  const due = finding.correctiveActions.filter((a) => a.status !== 'done' && a.due !== null).map((a) => a.due as string);
  return due.length === 0 ? null : due.reduce((a, b) => (a < b ? a : b));
}

function findings(data: ReportData): SheetSpec {
  const rootCauses = new Map(data.rootCauses.map((r) => [r.id, r]));
  return {
    name: 'Findings',
    columns: [
      { header: 'Finding', width: 14 },
      { header: 'Title', width: 50 },
      { header: 'Control', width: 14 },
      { header: 'Criteria', width: 24 },
      { header: 'Kind', width: 12 },
      { header: 'Severity', width: 24 },
      { header: 'Forecast severity', width: 24 },
      { header: 'Pervasive', width: 10 },
      { header: 'Status', width: 16 },
      { header: 'Identified on', width: 14, format: 'date' },
      { header: 'Deviations', width: 12, format: 'count' },
      { header: 'Root cause', width: 40 },
      { header: 'Corrective actions', width: 18, format: 'count' },
      { header: 'Actions done', width: 14, format: 'count' },
      { header: 'Next due', width: 14, format: 'date' },
    ],
    rows: data.findings.map((f) => {
      const rootCause = f.rootCause === null ? null : rootCauses.get(f.rootCause);
      return [
        f.code,
        f.title,
        f.control,
        f.criteria.join(', '),
        f.classification.kind,
        words(effectiveSeverity(f.classification)),
        words(f.classification.severity),
        yesNo(effectivePervasive(f.classification)),
        words(f.status),
        dateCell(f.identifiedOn),
        f.failedSamples.length,
        rootCause ? `${rootCause.id}: ${rootCause.title}` : f.rootCause,
        f.correctiveActions.length,
        f.correctiveActions.filter((a) => a.status === 'done').length,
        dateCell(nextDue(f)),
      ];
    }),
  };
}

/** The workpapers' sheets, in order; tests and samples as the result was formed, with the period's missing occurrences. */
export function workpaperSheets(given: ReportData): SheetSpec[] {
  const data = { ...given, examination: examinedWithCoverage(given) };
  return [cover(data), controls(data), tests(data), samples(data), deviations(data), conclusions(data), findings(data)];
}
