import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Examination } from '../engagement.js';
import { examine } from '../evaluation/examine.js';
import { CRITERION_STATUSES } from '../evaluation/result.js';
import { buildFinding, buildRetest, doneAction } from '../findings/testing.js';
import type { Finding } from '../findings/model.js';
import { requiredSampleSize } from '../sampling/frequency.js';
import { arbExamination, buildControl, buildExamination, buildSamples, testOf } from '../testing/builders.js';
import { closingRetest, forecastAfterRemediation } from './after-remediation.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 100);

/** AC-04 not effective (2 of 5 deviated) and CM-01 effective: CC6.2 not met, so the opinion is qualified. */
function period(): Examination {
  return buildExamination({
    controls: [
      buildControl({ id: 'AC-04', criteria: ['CC6.2'], frequency: 'event', key: true }),
      buildControl({ id: 'CM-01', criteria: ['CC8.1'], frequency: 'event', key: true }),
    ],
    tests: [testOf('AC-04', 3, 2, 14), testOf('CM-01', 5, 0, 14)],
  });
}

/** F-AC-04 fixed on 2026-08-20 and closed on a retest over September. */
const closed = (overrides: Partial<Finding> = {}) =>
  buildFinding({ status: 'closed', correctiveActions: [doneAction('2026-08-20')], retests: [buildRetest()], ...overrides });

describe('forecastAfterRemediation', () => {
  it("takes a closed finding's passing retest in place of the period's test, and leaves the period's own result as found", () => {
    const examination = period();
    const forecast = forecastAfterRemediation(examination, [closed()]);
    expect(forecast.controls).toEqual([{ control: 'AC-04', finding: 'F-AC-04', retest: 'RT-1', before: 'not_effective', after: 'effective' }]);
    expect(forecast.current).toEqual(examine(examination));
    expect(forecast.current.criteria.find((c) => c.id === 'CC6.2')?.status).toBe('not_met');
    expect(forecast.result.criteria.find((c) => c.id === 'CC6.2')?.status).toBe('met');
    const retested = forecast.result.controls.find((c) => c.id === 'AC-04');
    expect(retested).toMatchObject({ sampleSize: 5, populationSize: 14, deviations: 0, failedSamples: [] });
    // The deviations of the period are still the period's.
    expect(forecast.current.controls.find((c) => c.id === 'AC-04')?.failedSamples).toEqual(['AC-04-4', 'AC-04-5']);
  });

  it('changes nothing for findings not closed, nor for a retest that does not carry the closure', () => {
    const examination = period();
    const findings = [
      closed({ status: 'ready_for_retest' }),
      // Over a period that starts before the fix: it proves nothing about the fix.
      closed({ code: 'F-2', retests: [buildRetest({ periodStart: '2026-08-01' })] }),
      closed({ code: 'F-3', retests: [buildRetest({ passed: 4, failed: 1 })] }),
      // A retest of a control the examination does not have.
      closed({ code: 'F-4', control: 'ZZ-9', retests: [buildRetest({ control: 'ZZ-9' })] }),
    ];
    const forecast = forecastAfterRemediation(examination, findings);
    expect(forecast.controls).toEqual([]);
    expect(forecast.result).toEqual(examine(examination));
  });

  it('takes the latest closing retest, also for a control the period did not test', () => {
    const examination = { ...period(), tests: [testOf('CM-01', 5, 0, 14)] };
    const early = buildRetest({ id: 'RT-1' });
    const late = buildRetest({ id: 'RT-2', periodStart: '2026-10-01', periodEnd: '2026-10-31', samples: buildSamples(6, 0, 'OCT'), populationSize: 20 });
    const forecast = forecastAfterRemediation(examination, [closed({ retests: [late, early] }), closed({ code: 'F-9', retests: [early] })]);
    expect(forecast.controls).toEqual([{ control: 'AC-04', finding: 'F-AC-04', retest: 'RT-2', before: 'not_tested', after: 'effective' }]);
    expect(forecast.result.controls.find((c) => c.id === 'AC-04')).toMatchObject({ sampleSize: 6, populationSize: 20 });
    expect(closingRetest(closed({ retests: [late, early] }), { control: () => examination.controls[0], sampling: examination.engagement.sampling })?.id).toBe('RT-2');
  });
});

/** A generated examination and, for some of its controls, a finding: closed on a passing retest, or not. */
const withFindings = arbExamination.chain((examination) =>
  fc.record({
    examination: fc.constant(examination),
    findings: fc
      .tuple(...examination.controls.map(() => fc.record({ has: fc.boolean(), closed: fc.boolean(), passes: fc.boolean() })))
      .map((shapes) =>
        shapes.flatMap(({ has, closed: isClosed, passes }, i): Finding[] => {
          const control = examination.controls[i];
          if (!has || !control) return [];
          const required = requiredSampleSize(control.frequency, 500) ?? 25;
          const retest = buildRetest({ control: control.id, populationSize: 500, samples: buildSamples(required, passes ? 0 : 1, control.id) });
          return [
            buildFinding({
              code: `F-${control.id}`,
              control: control.id,
              status: isClosed ? 'closed' : 'ready_for_retest',
              correctiveActions: [doneAction('2026-08-20')],
              retests: [retest],
            }),
          ];
        }),
      ),
  }),
);

const STATUS_RANK = (status: string) => CRITERION_STATUSES.indexOf(status as (typeof CRITERION_STATUSES)[number]);

describe('forecastAfterRemediation, properties', () => {
  prop.prop([withFindings], { numRuns: RUNS })(
    "remediation never erases a deviation: the period's own result and the inputs stay as they were",
    ({ examination, findings }) => {
      const copies = structuredClone({ examination, findings });
      const forecast = forecastAfterRemediation(examination, findings);
      expect({ examination, findings }).toEqual(copies);
      expect(forecast.current).toEqual(examine(examination));
    },
  );

  prop.prop([withFindings], { numRuns: RUNS })('with no closed finding, the forecast is the examination', ({ examination, findings }) => {
    const open = findings.map((f) => ({ ...f, status: 'ready_for_retest' as const }));
    const forecast = forecastAfterRemediation(examination, open);
    expect(forecast.controls).toEqual([]);
    expect(forecast.result).toEqual(examine(examination));
  });

  prop.prop([withFindings], { numRuns: RUNS })(
    'replaces exactly the controls closed on a passing retest, each then effective, and no criterion gets worse',
    ({ examination, findings }) => {
      const forecast = forecastAfterRemediation(examination, findings);
      const deficientInDesign = new Set(examination.controls.filter((c) => c.design === 'deficient').map((c) => c.id));
      const expected = findings
        .filter((f) => f.status === 'closed' && f.retests.every((r) => r.samples.every((s) => s.result === 'pass')))
        .map((f) => f.control as string)
        .filter((id) => !deficientInDesign.has(id));
      expect(forecast.controls.map((c) => c.control).sort()).toEqual(expected.sort());
      expect(forecast.controls.every((c) => c.after === 'effective')).toBe(true);
      forecast.current.criteria.forEach((before, i) => {
        const after = forecast.result.criteria[i];
        if (before.status === 'not_applicable') expect(after?.status).toBe('not_applicable');
        else expect(STATUS_RANK(after?.status as string), `${before.id}: ${before.status} → ${after?.status}`).toBeLessThanOrEqual(STATUS_RANK(before.status));
      });
    },
  );
});
