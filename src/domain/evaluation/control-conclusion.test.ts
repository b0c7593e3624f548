import { describe, expect, test } from 'vitest';
import { buildControl, buildEngagement, buildTest, testOf } from '../testing/builders.js';
import { concludeControl } from './control-conclusion.js';

const type2 = buildEngagement({ reportType: 'type2', sampling: { confidence: 0.9, tolerableRate: 0.1 } });
const type1 = buildEngagement({ reportType: 'type1', periodStart: null });
const control = buildControl({ id: 'AC-04', criteria: ['CC6.2'], frequency: 'daily' });

describe('concludeControl (DESIGN §5, control conclusion)', () => {
  describe('rule 1: design', () => {
    test('a control deficient in design is a design deficiency, whatever its test shows', () => {
      const deficient = buildControl({ id: 'AC-04', design: 'deficient' });
      const result = concludeControl(deficient, testOf('AC-04', 25), type2);
      expect(result.conclusion).toBe('design_deficiency');
      expect(result.reasons.join(' ')).toMatch(/AC-04.*deficient in design.*rule 1/);
    });

    test('also in a Type 1 report', () => {
      expect(concludeControl(buildControl({ design: 'deficient' }), undefined, type1).conclusion).toBe('design_deficiency');
    });
  });

  describe('rule 2: Type 1', () => {
    test('a suitably designed control is effective as of the date, untested and even with failed samples', () => {
      expect(concludeControl(control, undefined, type1).conclusion).toBe('effective');
      const result = concludeControl(control, testOf('AC-04', 0, 5), type1);
      expect(result.conclusion).toBe('effective');
      expect(result.sampleSize).toBeNull();
      expect(result.deviations).toBeNull();
      expect(result.reasons.join(' ')).toMatch(/AC-04.*Type 1, rule 2/);
    });
  });

  describe('rule 3: not tested', () => {
    test('a Type 2 control with no test is not tested', () => {
      const result = concludeControl(control, undefined, type2);
      expect(result.conclusion).toBe('not_tested');
      expect(result.reasons.join(' ')).toMatch(/AC-04 has no test.*rule 3/);
    });

    test('a scope limitation makes the control not tested, even with samples recorded, and says why', () => {
      const test = buildTest({ control: 'AC-04', samples: testOf('AC-04', 25).samples, scopeLimitation: 'HR could not produce the list of leavers' });
      const result = concludeControl(control, test, type2);
      expect(result.conclusion).toBe('not_tested');
      expect(result.sampleSize).toBeNull();
      expect(result.reasons.join(' ')).toMatch(/AC-04 could not be tested: HR could not produce the list of leavers \(scope limitation, rule 3\)/);
    });

    test('a test with no sample tested is not tested', () => {
      const result = concludeControl(control, testOf('AC-04', 0), type2);
      expect(result.conclusion).toBe('not_tested');
      expect(result.sampleSize).toBe(0);
      expect(result.reasons.join(' ')).toMatch(/AC-04.*no sample was tested.*rule 3/);
    });
  });

  describe('rule 4: no deviation', () => {
    test('is effective, with the bound reported', () => {
      const result = concludeControl(control, testOf('AC-04', 25, 0, 1000), type2);
      expect(result).toMatchObject({
        conclusion: 'effective',
        sampleSize: 25,
        deviations: 0,
        deviationRate: 0,
        upperDeviationLimit: 0.088,
        boundBasis: 'clopper-pearson',
        sampleSizeToConclude: null,
        failedSamples: [],
      });
      expect(result.reasons.join(' ')).toMatch(/AC-04: no deviation in 25 samples.*8\.8%.*rule 4/);
    });
  });

  describe('rule 5: deviations against the tolerable rate', () => {
    test('whole population tested: the exact rate k / N, within tolerance at the boundary', () => {
      const result = concludeControl(control, testOf('AC-04', 27, 3, 30), type2);
      expect(result).toMatchObject({
        conclusion: 'effective_with_exceptions',
        deviations: 3,
        deviationRate: 0.1,
        upperDeviationLimit: 0.1,
        boundBasis: 'exact',
      });
      expect(result.reasons.join(' ')).toMatch(/whole population of 30.*10% is exact, within the tolerable rate of 10% \(rule 5\)/);
    });

    test('whole population tested: above tolerance is not effective and no expansion can help (rule 7)', () => {
      const result = concludeControl(control, testOf('AC-04', 26, 4, 30), type2);
      expect(result.conclusion).toBe('not_effective');
      expect(result.upperDeviationLimit).toBeCloseTo(4 / 30, 4);
      expect(result.sampleSizeToConclude).toBeNull();
      expect(result.reasons.join(' ')).toMatch(/No larger sample.*4 deviations.*population of 30 \(rule 7\)/);
    });

    test('a sample: the UDL within tolerance gives effective with exceptions (n = 38, k = 1 → 9.9%)', () => {
      const result = concludeControl(control, testOf('AC-04', 37, 1, 1000), type2);
      expect(result.conclusion).toBe('effective_with_exceptions');
      expect(result.upperDeviationLimit).toBe(0.0985);
      expect(result.failedSamples).toEqual(['AC-04-38']);
      expect(result.sampleSizeToConclude).toBeNull();
      expect(result.reasons.join(' ')).toMatch(/1 of 38 samples deviated \(AC-04-38\).*9\.9%, within the tolerable rate of 10% \(rule 5\)/);
    });

    test('a sample: the UDL above tolerance gives not effective (n = 25, k = 1 → 14.7%)', () => {
      const result = concludeControl(control, testOf('AC-04', 24, 1, 1000), type2);
      expect(result.conclusion).toBe('not_effective');
      expect(result.deviationRate).toBe(0.04);
      expect(result.upperDeviationLimit).toBe(0.1469);
      expect(result.reasons.join(' ')).toMatch(/AC-04: 1 of 25 samples deviated \(AC-04-25\).*14\.7%, above the tolerable rate of 10% \(rule 5\)/);
    });

    test('a high sample rate is judged on the bound, not on k / n alone', () => {
      // 1 of 25 is 4%, below the 10% tolerance, yet the UDL at 90% is 14.7%.
      expect(concludeControl(control, testOf('AC-04', 24, 1, 1000), type2).conclusion).toBe('not_effective');
      // The same sample at a 20% tolerance is within.
      const lenient = buildEngagement({ sampling: { confidence: 0.9, tolerableRate: 0.2 } });
      expect(concludeControl(control, testOf('AC-04', 24, 1, 1000), lenient).conclusion).toBe('effective_with_exceptions');
    });

    test('near the whole population the untested remainder caps the bound', () => {
      // 19 of 20 tested, 1 deviation: at most 2 / 20 = 10% even if the last item deviated.
      const result = concludeControl(control, testOf('AC-04', 18, 1, 20), type2);
      expect(result).toMatchObject({ conclusion: 'effective_with_exceptions', upperDeviationLimit: 0.1, boundBasis: 'untested-remainder' });
      expect(result.reasons.join(' ')).toMatch(/even if every untested item of the 20 deviated/);
    });
  });

  describe('rule 6: the required sample size', () => {
    test('comes from the frequency table and a smaller sample is a warning', () => {
      const result = concludeControl(control, testOf('AC-04', 10, 0, 250), type2);
      expect(result.conclusion).toBe('effective');
      expect(result.requiredSampleSize).toBe(25);
      expect(result.warnings).toEqual(['10 samples tested where the daily frequency table asks for 25 (rule 6).']);
    });

    test('no warning when the sample is large enough', () => {
      const result = concludeControl(control, testOf('AC-04', 25, 0, 250), type2);
      expect(result.warnings).toEqual([]);
    });

    test('is capped by the population', () => {
      const result = concludeControl(control, testOf('AC-04', 12, 0, 12), type2);
      expect(result.requiredSampleSize).toBe(12);
      expect(result.warnings).toEqual([]);
    });

    test('an event-driven control is sized from its population', () => {
      const event = buildControl({ id: 'HR-02', frequency: 'event' });
      const result = concludeControl(event, testOf('HR-02', 10, 0, 120), type2);
      expect(result.requiredSampleSize).toBe(12);
      expect(result.warnings[0]).toMatch(/10 samples.*event frequency table asks for 12 \(rule 6\)/);
      expect(concludeControl(event, testOf('HR-02', 10, 0, null), type2).requiredSampleSize).toBeNull();
    });

    test('a periodic control with an unknown population still has its frequency size', () => {
      const result = concludeControl(control, testOf('AC-04', 3, 0, null), type2);
      expect(result.requiredSampleSize).toBe(25);
      expect(result.warnings).toHaveLength(1);
    });
  });

  describe('rule 7: the expansion', () => {
    test('says how large a sample with no further deviation would conclude', () => {
      const result = concludeControl(control, testOf('AC-04', 24, 1, 1000), type2);
      expect(result.sampleSizeToConclude).toBe(38);
      expect(result.reasons.join(' ')).toMatch(/A sample of 38 with no further deviation would bring the bound within 10% \(rule 7\)/);
    });

    test('with an unknown population, from the attribute-sampling table', () => {
      const result = concludeControl(control, testOf('AC-04', 23, 2, null), type2);
      expect(result.conclusion).toBe('not_effective');
      expect(result.sampleSizeToConclude).toBe(52);
    });
  });
});
