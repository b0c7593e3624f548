import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { examine } from '../evaluation/examine.js';
import { arbExamination, buildControl, buildExamination, testOf } from '../testing/builders.js';
import type { RootCause } from '../findings/model.js';
import { ROOT_CAUSE, buildFinding } from '../findings/testing.js';
import { carryFindingsForward, carryForward, nextPeriodProblem } from './carry-forward.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 100);
const NEXT = { periodStart: '2026-01-01', periodEnd: '2026-12-31' };

describe('carryForward', () => {
  it('keeps the controls and how each is tested, and leaves the old evidence behind', () => {
    const previous = buildExamination({
      engagement: {
        reportType: 'type2',
        categories: ['availability'],
        notApplicable: [{ criterion: 'A1.3', reason: 'No recovery site' }],
        misstatements: [{ text: 'An incident is not disclosed', pervasive: false }],
      },
      controls: [
        buildControl({ id: 'AC-04', criteria: ['CC6.2'], frequency: 'event', key: true, owner: 'it-ops@acme.example' }),
        buildControl({ id: 'CM-01', criteria: ['CC8.1'], design: 'deficient', compensates: ['AC-04'] }),
      ],
      tests: [
        { ...testOf('AC-04', 3, 2, 14), method: 'reperformance' },
        { ...testOf('CM-01', 0, 0, null), scopeLimitation: 'Population could not be produced' },
      ],
    });
    const next = carryForward(previous, NEXT);

    expect(next.engagement).toEqual({ ...previous.engagement, ...NEXT, misstatements: [] });
    expect(next.controls).toEqual(previous.controls);
    expect(next.tests).toEqual([
      { control: 'AC-04', method: 'reperformance', populationSize: null, samples: [], scopeLimitation: null },
      { control: 'CM-01', method: 'inspection', populationSize: null, samples: [], scopeLimitation: null },
    ]);
    // Nothing is tested yet; a design deficiency stays one until the auditor changes the control.
    expect(examine(next).controls.map((c) => c.conclusion)).toEqual(['not_tested', 'design_deficiency']);
  });

  it('follows a Type 1 report with a Type 2 period', () => {
    const previous = buildExamination({ engagement: { reportType: 'type1', periodStart: null, periodEnd: '2025-12-31' } });
    expect(carryForward(previous, NEXT).engagement).toMatchObject({ reportType: 'type2', ...NEXT });
  });

  prop.prop([arbExamination], { numRuns: RUNS })('never changes the previous examination, and carries no sample', (previous) => {
    const copy = structuredClone(previous);
    const next = carryForward(previous, NEXT);
    expect(previous).toEqual(copy);
    expect(next.tests.every((t) => t.samples.length === 0 && t.populationSize === null && t.scopeLimitation === null)).toBe(true);
    expect(next.controls.map((c) => c.id)).toEqual(previous.controls.map((c) => c.id));
    // Every Type 2 control that is suitably designed waits for its new test.
    const concluded = examine(next).controls;
    expect(concluded.every((c) => c.conclusion === 'not_tested' || c.conclusion === 'design_deficiency')).toBe(true);
  });
});

describe('nextPeriodProblem', () => {
  it('wants the next period to start after the previous one ends', () => {
    expect(nextPeriodProblem({ periodEnd: '2025-12-31' }, { periodStart: '2026-01-01' })).toBeNull();
    expect(nextPeriodProblem({ periodEnd: '2025-12-31' }, { periodStart: '2025-12-31' })).toBe(
      'the next period must start after the previous one ends (2025-12-31): on 2026-01-01 or later',
    );
  });

  prop.prop([fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.integer({ min: -400, max: 400 })], { numRuns: RUNS })(
    'accepts a start exactly when it is later than the previous end',
    (end, offset) => {
      const previousEnd = end.toISOString().slice(0, 10);
      const start = new Date(end.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
      expect(nextPeriodProblem({ periodEnd: previousEnd }, { periodStart: start }) === null).toBe(offset > 0);
    },
  );
});

describe('carryFindingsForward', () => {
  const other: RootCause = { ...ROOT_CAUSE, id: 'RC-2', title: 'Traced by the false positive only' };

  it('takes every finding but the false positives, with the root causes they are traced to', () => {
    const findings = [
      buildFinding({ code: 'F-1', status: 'closed', rootCause: 'RC-1' }),
      buildFinding({ code: 'F-2', status: 'remediating', rootCause: null }),
      buildFinding({ code: 'F-3', status: 'risk_accepted', rootCause: 'RC-1' }),
      buildFinding({ code: 'F-4', status: 'false_positive', rootCause: 'RC-2' }),
    ];
    const carried = carryFindingsForward(findings, [ROOT_CAUSE, other]);
    expect(carried.findings.map((f) => f.code)).toEqual(['F-1', 'F-2', 'F-3']);
    expect(carried.rootCauses.map((r) => r.id)).toEqual(['RC-1']);
  });

  it('carries nothing from a period without findings', () => {
    expect(carryFindingsForward([], [ROOT_CAUSE])).toEqual({ findings: [], rootCauses: [] });
  });
});
