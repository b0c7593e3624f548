/**
 * Laws of period coverage: the occurrences owed tile the period, evidence only ever adds coverage, a control
 * evidenced in every window misses none, and without evidence the examination is DESIGN.md §5's exactly.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { addDays, daysBetween } from '../dates.js';
import { FREQUENCIES, type Frequency } from '../engagement.js';
import { examine } from '../evaluation/examine.js';
import { arbExamination, buildControl, buildEngagement } from '../testing/builders.js';
import { CONTROL_ORDER } from '../testing/laws.js';
import { controlCoverage, type CoverageEvidence } from './coverage.js';
import { applyCoverage, examineWithCoverage, withCoverage } from './examination.js';
import { addMonths, isPeriodic, requiredOccurrences } from './occurrences.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);

const PERIODIC = FREQUENCIES.filter(isPeriodic);
const arbDate = fc.integer({ min: 0, max: 3 * 366 }).map((d) => addDays('2025-01-01', d));
/** A period of up to two years; daily and weekly controls get shorter ones to keep runs quick. */
const arbPeriod = fc
  .tuple(fc.constantFrom(...PERIODIC), arbDate, fc.integer({ min: 0, max: 730 }))
  .map(([frequency, start, days]) => ({ frequency, start, end: addDays(start, frequency === 'daily' || frequency === 'multiple-daily' ? days % 120 : days) }));

const arbEvidence = (period: { start: string; end: string }, control = 'CTL-1') =>
  fc
    .tuple(fc.integer({ min: -40, max: 800 }), fc.integer({ min: 0, max: 120 }), fc.boolean())
    .map(([offset, length, oneDay]): CoverageEvidence => {
      const from = addDays(period.start, offset);
      return { id: `E-${offset}-${length}`, control, coversFrom: from, coversTo: oneDay ? null : addDays(from, length) };
    });

function coverageOf(frequency: Frequency, period: { start: string; end: string }, evidence: CoverageEvidence[]) {
  return controlCoverage({ id: 'CTL-1', frequency }, buildEngagement({ periodStart: period.start, periodEnd: period.end }), evidence);
}

describe('occurrences owed over a period', () => {
  prop.prop([arbPeriod], { numRuns: RUNS })('tile the period: consecutive, without overlap or gap, first day to last', ({ frequency, start, end }) => {
    const windows = requiredOccurrences(frequency, start, end);
    expect(windows.length).toBeGreaterThan(0);
    expect(windows[0]?.from).toBe(start);
    expect(windows.at(-1)?.to).toBe(end);
    windows.forEach((w, i) => {
      expect(w.from <= w.to).toBe(true);
      if (i > 0) expect(addDays(windows[i - 1]!.to, 1)).toBe(w.from);
    });
    expect(new Set(windows.map((w) => w.label)).size).toBe(windows.length);
  });

  prop.prop([fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 36 })], { numRuns: RUNS })(
    'monthly over N whole months needs N',
    (year, month, n) => {
      const start = `${year}-${String(month + 1).padStart(2, '0')}-01`;
      const end = addDays(addMonths(start, n), -1);
      const windows = requiredOccurrences('monthly', start, end);
      expect(windows).toHaveLength(n);
      expect(windows.every((w) => /^\d{4}-\d{2}$/.test(w.label))).toBe(true);
    },
  );

  prop.prop([arbPeriod], { numRuns: RUNS })('a daily control owes one occurrence a day', ({ start, end }) => {
    expect(requiredOccurrences('daily', start, end)).toHaveLength(daysBetween(start, end) + 1);
  });
});

describe('evidence and coverage', () => {
  const arbCase = arbPeriod.chain((period) =>
    fc.record({ period: fc.constant(period), evidence: fc.array(arbEvidence(period), { maxLength: 6 }), more: arbEvidence(period) }),
  );

  prop.prop([arbCase], { numRuns: RUNS })('adding evidence never removes coverage', ({ period, evidence, more }) => {
    const before = coverageOf(period.frequency, period, evidence);
    const after = coverageOf(period.frequency, period, [...evidence, more]);
    before.occurrences.forEach((o, i) => {
      if (o.status === 'evidenced') expect(after.occurrences[i]?.status).toBe('evidenced');
    });
    for (const label of after.missing) {
      if (before.tracked) expect(before.missing).toContain(label);
    }
  });

  prop.prop([arbPeriod, fc.nat()], { numRuns: RUNS })('a control evidenced in every window misses none', ({ frequency, start, end }, seed) => {
    const windows = requiredOccurrences(frequency, start, end);
    // One piece of evidence per window, each on some day inside it.
    const evidence = windows.map((w, i): CoverageEvidence => {
      const day = addDays(w.from, (seed + i) % (daysBetween(w.from, w.to) + 1));
      return { id: `E-${i}`, control: 'CTL-1', coversFrom: day, coversTo: day };
    });
    const coverage = coverageOf(frequency, { start, end }, evidence);
    expect(coverage.tracked).toBe(true);
    expect(coverage.missing).toEqual([]);
    expect(coverage.occurrences.every((o) => o.status === 'evidenced')).toBe(true);
  });

  prop.prop([arbCase], { numRuns: RUNS })('an occurrence is evidenced exactly when some evidence overlaps its window', ({ period, evidence }) => {
    const coverage = coverageOf(period.frequency, period, evidence);
    for (const o of coverage.occurrences) {
      for (const id of o.evidence) {
        const e = evidence.find((x) => x.id === id)!;
        const to = e.coversTo ?? e.coversFrom!;
        expect(e.coversFrom! <= o.to && to >= o.from).toBe(true);
      }
      expect(o.status).toBe(evidence.length === 0 ? 'not_tracked' : o.evidence.length > 0 ? 'evidenced' : 'missing');
    }
  });
});

describe('coverage in the examination', () => {
  prop.prop([arbExamination], { numRuns: RUNS })('without evidence the examination is exactly DESIGN.md §5', (examination) => {
    expect(examineWithCoverage(examination, [])).toEqual(examine(examination));
  });

  prop.prop([arbExamination], { numRuns: RUNS })('evidence for every window of every control changes nothing', (examination) => {
    const { engagement } = examination;
    const evidence =
      engagement.periodStart === null
        ? []
        : examination.controls.map((c, i): CoverageEvidence => ({ id: `E-${i}`, control: c.id, coversFrom: engagement.periodStart, coversTo: engagement.periodEnd }));
    expect(examineWithCoverage(examination, evidence)).toEqual(examine(examination));
  });

  prop.prop([arbExamination, fc.nat()], { numRuns: RUNS })('a missing occurrence never improves a control’s conclusion', (examination, pick) => {
    if (examination.controls.length === 0 || examination.engagement.periodStart === null) return;
    const control = examination.controls[pick % examination.controls.length]!;
    // Evidence on the period's first day only: every later window of a periodic control is missing.
    const evidence: CoverageEvidence[] = [{ id: 'E-1', control: control.id, coversFrom: examination.engagement.periodStart, coversTo: null }];
    const before = examine(examination).controls.find((c) => c.id === control.id)!;
    const after = examineWithCoverage(examination, evidence).controls.find((c) => c.id === control.id)!;
    const [was, is] = [CONTROL_ORDER[before.conclusion], CONTROL_ORDER[after.conclusion]];
    if (was !== undefined && is !== undefined) expect(is).toBeGreaterThanOrEqual(was);
    if (before.conclusion === 'design_deficiency') expect(after.conclusion).toBe('design_deficiency');
    if (after.conclusion === 'effective') expect(before.conclusion).toBe('effective');
  });

  prop.prop([arbExamination, fc.nat()], { numRuns: RUNS })('applying the coverage to an examination it was applied to already changes nothing', (examination, pick) => {
    if (examination.engagement.periodStart === null) return;
    const control = examination.controls[pick % examination.controls.length]!;
    const covered = withCoverage(examination, [{ id: 'E-1', control: control.id, coversFrom: examination.engagement.periodStart, coversTo: null }]);
    expect(applyCoverage(covered.examination, covered.coverage)).toEqual(covered.examination);
  });
});

describe('examples', () => {
  const engagement = buildEngagement({ periodStart: '2026-01-01', periodEnd: '2026-06-30' });

  test('a quarterly control over January to June owes Q1 and Q2; evidence of a March review covers Q1 only', () => {
    const coverage = controlCoverage(buildControl({ frequency: 'quarterly' }), engagement, [
      { id: 'E-1', control: 'CTL-1', coversFrom: '2026-03-28', coversTo: '2026-03-28' },
    ]);
    expect(coverage.occurrences.map((o) => [o.label, o.status, o.evidence])).toEqual([
      ['2026-Q1', 'evidenced', ['E-1']],
      ['2026-Q2', 'missing', []],
    ]);
    expect(coverage.missing).toEqual(['2026-Q2']);
  });

  test('a period ending inside a window still owes it, cut at the period end', () => {
    expect(requiredOccurrences('quarterly', '2026-01-01', '2026-05-15').map((o) => o.label)).toEqual(['2026-Q1', '2026-04-01/2026-05-15']);
    expect(requiredOccurrences('annual', '2026-07-01', '2027-06-30').map((o) => o.label)).toEqual(['2026-07-01/2027-06-30']);
    expect(requiredOccurrences('event', '2026-01-01', '2026-06-30')).toEqual([]);
  });

  test('a missing quarter is a failed sample and the control’s reasons name it', () => {
    const examination = {
      engagement,
      controls: [buildControl({ id: 'AC-1', frequency: 'quarterly', key: true, criteria: ['CC6.1'] })],
      tests: [{ control: 'AC-1', method: 'inspection' as const, populationSize: 2, samples: [{ item: '2026-Q1', result: 'pass' as const, note: null }], scopeLimitation: null }],
    };
    const result = examineWithCoverage(examination, [{ id: 'E-1', control: 'AC-1', coversFrom: '2026-02-01', coversTo: '2026-02-01' }]);
    const control = result.controls[0]!;
    expect(control.conclusion).toBe('not_effective');
    expect(control.failedSamples).toEqual(['2026-Q2']);
    expect(control.reasons.at(-1)).toBe('AC-1: no evidence covers the occurrence 2026-Q2 of the 2 occurrences the period requires; each counts as a deviation (period coverage).');
  });

  test('a tracked control without a test is tested by its coverage', () => {
    const examination = { engagement, controls: [buildControl({ id: 'AC-1', frequency: 'monthly' })], tests: [] };
    const evidence = ['01', '02', '03', '05', '06'].map((m): CoverageEvidence => ({ id: m, control: 'AC-1', coversFrom: `2026-${m}-10`, coversTo: null }));
    const control = examineWithCoverage(examination, evidence).controls[0]!;
    expect(control.populationSize).toBe(6);
    expect(control.failedSamples).toEqual(['2026-04']);
    expect(control.conclusion).toBe('not_effective');
  });

  test('a Type 1 report owes no occurrence', () => {
    const coverage = controlCoverage(buildControl({ frequency: 'monthly' }), buildEngagement({ reportType: 'type1', periodStart: null }), [
      { id: 'E-1', control: 'CTL-1', coversFrom: '2026-01-01', coversTo: '2026-01-01' },
    ]);
    expect(coverage).toMatchObject({ tracked: true, occurrences: [], missing: [] });
  });
});
