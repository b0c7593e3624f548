import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { FINDING_STATUSES, type Finding, type StatusChange } from './model.js';
import { closureDays, findingsBurndown, statusOn } from './over-time.js';
import { buildFinding } from './testing.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);

const closedInAugust = buildFinding({
  status: 'closed',
  identifiedOn: '2026-06-30',
  history: [
    { on: '2026-07-10', from: 'open', to: 'analysing', reason: null },
    { on: '2026-07-20', from: 'analysing', to: 'remediating', reason: null },
    { on: '2026-08-25', from: 'remediating', to: 'ready_for_retest', reason: null },
    { on: '2026-10-06T09:00:00.000Z', from: 'ready_for_retest', to: 'closed', reason: null },
  ],
});

describe('statusOn', () => {
  it('reads the status a finding stood in on a day from its history', () => {
    expect(statusOn(closedInAugust, '2026-06-29')).toBeNull();
    expect(statusOn(closedInAugust, '2026-06-30')).toBe('open');
    expect(statusOn(closedInAugust, '2026-07-10')).toBe('analysing');
    expect(statusOn(closedInAugust, '2026-10-05')).toBe('ready_for_retest');
    expect(statusOn(closedInAugust, '2026-10-06')).toBe('closed');
  });

  it('keeps the current status of a finding without a recorded step', () => {
    expect(statusOn(buildFinding({ status: 'remediating' }), '2026-07-01')).toBe('remediating');
  });

  it('finds every closure, or the closing date of a finding closed without a history', () => {
    expect(closureDays(closedInAugust)).toEqual(['2026-10-06']);
    expect(closureDays(buildFinding({ status: 'open' }))).toEqual([]);
    const retest = { id: 'RT-1', control: 'AC-04', date: '2026-10-05', periodStart: '2026-09-01', periodEnd: '2026-09-30', method: 'inspection' as const, populationSize: 5, samples: [], conclusion: null, reasons: [] };
    expect(closureDays(buildFinding({ status: 'closed', retests: [retest] }))).toEqual(['2026-09-30']);
  });
});

describe('findingsBurndown', () => {
  it('counts the unresolved findings day by day and leaves false positives out', () => {
    const later = buildFinding({ code: 'F-2', identifiedOn: '2026-08-01' });
    const falsePositive = buildFinding({ code: 'F-3', status: 'false_positive', identifiedOn: '2026-06-01' });
    const points = findingsBurndown([closedInAugust, later, falsePositive], '2026-10-10');
    expect(points[0]).toEqual({ date: '2026-06-30', unresolved: 1, closed: 0, identified: 1 });
    expect(points.find((p) => p.date === '2026-08-01')).toMatchObject({ unresolved: 2, identified: 2 });
    expect(points.at(-1)).toEqual({ date: '2026-10-10', unresolved: 1, closed: 1, identified: 2 });
  });

  it('has nothing to draw without a dated finding', () => {
    expect(findingsBurndown([buildFinding({ identifiedOn: null })], '2026-10-10')).toEqual([]);
  });
});

/** A finding identified on day 0 of 2026 that steps through random statuses on increasing days. */
const arbFinding = (i: number): fc.Arbitrary<Finding> =>
  fc
    .array(fc.record({ gap: fc.integer({ min: 0, max: 60 }), to: fc.constantFrom(...FINDING_STATUSES) }), { maxLength: 6 })
    .chain((steps) =>
      fc.integer({ min: 0, max: 200 }).map((identified) => {
        let on = addDays('2026-01-01', identified);
        let from: StatusChange['from'] = 'open';
        const history: StatusChange[] = steps.map((step) => {
          on = addDays(on, step.gap);
          const change = { on, from, to: step.to, reason: null };
          from = step.to;
          return change;
        });
        return buildFinding({ code: `F-${i}`, identifiedOn: addDays('2026-01-01', identified), history, status: history.at(-1)?.to ?? 'open' });
      }),
    );

describe('findings over time (laws)', () => {
  prop.prop([fc.array(fc.nat(), { maxLength: 6 }).chain((xs) => fc.tuple(...xs.map((_, i) => arbFinding(i))))], { numRuns: RUNS })(
    'the burndown never counts more unresolved or closed findings than were identified, and identification only grows',
    (findings) => {
      const points = findingsBurndown(findings, '2027-06-30');
      let identified = 0;
      for (const point of points) {
        expect(point.unresolved + point.closed).toBeLessThanOrEqual(point.identified);
        expect(point.identified).toBeGreaterThanOrEqual(identified);
        identified = point.identified;
      }
    },
  );

  prop.prop([arbFinding(1)], { numRuns: RUNS })('after its last step a finding stands in its current status', (finding) => {
    expect(statusOn(finding, '2027-06-30')).toBe(finding.status);
  });
});
