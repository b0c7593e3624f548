/**
 * Laws of residual risk over random risks and linked controls: a control getting worse (a worse conclusion, or
 * its monitoring failing) never lowers residual risk; residual never exceeds inherent; adding an effective
 * control never raises it.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CONTROL_CONCLUSIONS, type ControlConclusion } from '../evaluation/result.js';
import { RISK_TREATMENTS } from './model.js';
import { assessRisk, type LinkedControl } from './residual.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);

/** Conclusions from best to worst, for "getting worse". */
const WORSENING: readonly (ControlConclusion | null)[] = ['effective', 'effective_with_exceptions', 'not_effective', 'design_deficiency', 'not_tested', null];

const arbRating = fc.integer({ min: 1, max: 5 });
const arbRisk = fc.record({ likelihood: arbRating, impact: arbRating, treatment: fc.constantFrom(...RISK_TREATMENTS) });
const arbStanding = (id: number): fc.Arbitrary<LinkedControl> =>
  fc.record({ conclusion: fc.constantFrom(...CONTROL_CONCLUSIONS, null), monitoringFailing: fc.boolean() }).map((s) => ({ control: `C-${id}`, ...s }));
const arbControls = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbStanding(i))));

/** A standing at least as bad: a conclusion no better (order of WORSENING, null last), monitoring failing if it was. */
const arbWorse = (standing: LinkedControl) =>
  fc.record({ steps: fc.nat(WORSENING.length - 1), fail: fc.boolean() }).map(({ steps, fail }) => {
    const from = WORSENING.indexOf(standing.conclusion);
    return { ...standing, conclusion: WORSENING[Math.min(WORSENING.length - 1, from + steps)] ?? null, monitoringFailing: standing.monitoringFailing || fail };
  });

describe('residual risk laws', () => {
  prop.prop([arbRisk, arbControls], { numRuns: RUNS })('residual never exceeds inherent, nor falls below 1', (risk, controls) => {
    const { inherent, residual } = assessRisk(risk, controls);
    expect(residual.score).toBeLessThanOrEqual(inherent.score);
    expect(residual.likelihood).toBeGreaterThanOrEqual(1);
    expect(residual.impact).toBeGreaterThanOrEqual(1);
  });

  prop.prop(
    [arbRisk, arbControls.chain((controls) => fc.tuple(fc.constant(controls), fc.nat(Math.max(0, controls.length - 1))))],
    { numRuns: RUNS },
  )('a control getting worse never lowers residual risk', (risk, [controls, index]) => {
    const before = assessRisk(risk, controls).residual.score;
    const target = controls[index];
    if (target === undefined) return;
    fc.assert(
      fc.property(arbWorse(target), (worse) => {
        const after = assessRisk(risk, controls.map((c, i) => (i === index ? worse : c))).residual.score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 10 },
    );
  });

  prop.prop([arbRisk, arbControls], { numRuns: RUNS })('adding an effective control never raises residual risk', (risk, controls) => {
    const before = assessRisk(risk, controls).residual.score;
    const after = assessRisk(risk, [...controls, { control: 'NEW', conclusion: 'effective', monitoringFailing: false }]).residual.score;
    expect(after).toBeLessThanOrEqual(before);
  });
});
