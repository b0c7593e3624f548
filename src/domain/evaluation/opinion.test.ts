import { describe, expect, test } from 'vitest';
import { buildCriterionResult, buildEngagement } from '../testing/builders.js';
import { formOpinion, isPervasive, mostSevere } from './opinion.js';
import type { CriterionResult, CriterionStatus, FailureKind } from './result.js';

const thresholds = { minSeries: 3, minShare: 0.25 };

describe('isPervasive', () => {
  test('an empty set is never pervasive', () => {
    expect(isPervasive([], 10, { minSeries: 0, minShare: 0 })).toBe(false);
  });

  test('spanning minSeries series is pervasive; one fewer is not', () => {
    expect(isPervasive(['CC1.1', 'CC6.2', 'A1.1'], 100, thresholds)).toBe(true);
    expect(isPervasive(['CC1.1', 'CC1.2', 'CC6.2'], 100, thresholds)).toBe(false);
  });

  test('counts series, not criteria: P4.1 and PI1.1 are different series, CC6.1 and CC6.8 the same', () => {
    expect(isPervasive(['P4.1', 'PI1.1', 'P4.2'], 100, { minSeries: 2, minShare: 1 })).toBe(true);
    expect(isPervasive(['CC6.1', 'CC6.8'], 100, { minSeries: 2, minShare: 1 })).toBe(false);
  });

  test('holding minShare of the in-scope criteria is pervasive; less is not', () => {
    expect(isPervasive(['CC6.1', 'CC6.2'], 8, thresholds)).toBe(true);
    expect(isPervasive(['CC6.1', 'CC6.2'], 9, thresholds)).toBe(false);
  });
});

describe('mostSevere', () => {
  test('orders unmodified < qualified < adverse < disclaimer', () => {
    expect(mostSevere([])).toBe('unmodified');
    expect(mostSevere(['qualified', 'unmodified'])).toBe('qualified');
    expect(mostSevere(['adverse', 'qualified'])).toBe('adverse');
    expect(mostSevere(['adverse', 'disclaimer', 'qualified'])).toBe('disclaimer');
  });
});

/** Ten in-scope criteria in series CC1 and CC2, all met, except as listed. */
function criteria(changes: Record<string, [CriterionStatus, FailureKind | null]> = {}): CriterionResult[] {
  const ids = ['CC1.1', 'CC1.2', 'CC1.3', 'CC1.4', 'CC1.5', 'CC2.1', 'CC2.2', 'CC2.3', 'CC3.1', 'CC3.2'];
  return ids.map((id) => {
    const [status, failure] = changes[id] ?? ['met', null];
    return buildCriterionResult({ id, status, failure });
  });
}
/** Pervasive at three series or at half of the in-scope criteria. */
const type2 = buildEngagement({ reportType: 'type2', pervasiveness: { minSeries: 3, minShare: 0.5 } });
const type1 = buildEngagement({ reportType: 'type1', periodStart: null, pervasiveness: { minSeries: 3, minShare: 0.5 } });

describe('formOpinion (DESIGN §5, opinion; reference §5)', () => {
  test('all met (even with exceptions), no misstatement: unmodified throughout', () => {
    const opinion = formOpinion(type2, criteria({ 'CC1.1': ['met_with_exceptions', null] }));
    expect(opinion).toMatchObject({
      overall: 'unmodified',
      pervasive: false,
      subjects: { description: 'unmodified', design: 'unmodified', operatingEffectiveness: 'unmodified' },
    });
    expect(opinion.basis.join(' ')).toMatch(/Every in-scope criterion is met/);
  });

  describe('description', () => {
    test('a misstatement qualifies it', () => {
      const opinion = formOpinion({ ...type2, misstatements: [{ text: 'Breach in March not disclosed', pervasive: false }] }, criteria());
      expect(opinion.subjects.description).toBe('qualified');
      expect(opinion.overall).toBe('qualified');
      expect(opinion.basis.join(' ')).toMatch(/Description misstated: Breach in March not disclosed → qualified/);
    });

    test('a misstatement marked pervasive makes it adverse', () => {
      const misstatements = [
        { text: 'CUECs wrong', pervasive: false },
        { text: 'Controls described but not in place', pervasive: true },
      ];
      const opinion = formOpinion({ ...type2, misstatements }, criteria());
      expect(opinion.subjects.description).toBe('adverse');
      expect(opinion).toMatchObject({ overall: 'adverse', pervasive: true });
    });
  });

  describe('design', () => {
    test('a criterion not met for design qualifies it', () => {
      const opinion = formOpinion(type2, criteria({ 'CC1.1': ['not_met', 'design'] }));
      expect(opinion.subjects).toEqual({ description: 'unmodified', design: 'qualified', operatingEffectiveness: 'unmodified' });
      expect(opinion.basis.join(' ')).toMatch(/Controls not suitably designed: CC1\.1 not met \(1 of 10 in-scope criteria \(10%\) in 1 series\) → qualified/);
    });

    test('pervasive design failures make it adverse', () => {
      const opinion = formOpinion(type2, criteria({ 'CC1.1': ['not_met', 'design'], 'CC2.1': ['not_met', 'design'], 'CC3.1': ['not_met', 'design'] }));
      expect(opinion.subjects.design).toBe('adverse');
      expect(opinion.overall).toBe('adverse');
    });

    test('a not-met criterion for operation does not touch design', () => {
      expect(formOpinion(type2, criteria({ 'CC1.1': ['not_met', 'operating'] })).subjects.design).toBe('unmodified');
    });
  });

  describe('operating effectiveness', () => {
    test('a criterion not met in operation qualifies it', () => {
      const opinion = formOpinion(type2, criteria({ 'CC1.1': ['not_met', 'operating'] }));
      expect(opinion.subjects.operatingEffectiveness).toBe('qualified');
      expect(opinion.overall).toBe('qualified');
      expect(opinion.basis.join(' ')).toMatch(/did not operate effectively: CC1\.1 not met/);
    });

    test('pervasive operating failures (by share) make it adverse', () => {
      const failing = Object.fromEntries(['CC1.1', 'CC1.2', 'CC1.3', 'CC1.4', 'CC1.5'].map((id) => [id, ['not_met', 'operating'] as [CriterionStatus, FailureKind]]));
      const opinion = formOpinion(type2, criteria(failing));
      expect(opinion.subjects.operatingEffectiveness).toBe('adverse');
      expect(opinion).toMatchObject({ overall: 'adverse', pervasive: true });
    });

    test('a criterion the evidence could not support qualifies it (scope limitation)', () => {
      const opinion = formOpinion(type2, criteria({ 'CC2.2': ['unable_to_conclude', null] }));
      expect(opinion.subjects.operatingEffectiveness).toBe('qualified');
      expect(opinion.basis.join(' ')).toMatch(/Scope limitation: unable to conclude on CC2\.2/);
    });

    test('a pervasive scope limitation is a disclaimer', () => {
      const opinion = formOpinion(type2, criteria({ 'CC1.1': ['unable_to_conclude', null], 'CC2.1': ['unable_to_conclude', null], 'CC3.1': ['unable_to_conclude', null] }));
      expect(opinion.subjects.operatingEffectiveness).toBe('disclaimer');
      expect(opinion).toMatchObject({ overall: 'disclaimer', pervasive: true });
    });

    test('the more severe of operation and scope stands', () => {
      const opinion = formOpinion(
        type2,
        criteria({ 'CC1.1': ['not_met', 'operating'], 'CC1.2': ['unable_to_conclude', null], 'CC2.1': ['unable_to_conclude', null], 'CC3.1': ['unable_to_conclude', null] }),
      );
      expect(opinion.subjects.operatingEffectiveness).toBe('disclaimer');
    });

    test('is null in a Type 1 report', () => {
      const opinion = formOpinion(type1, criteria({ 'CC1.1': ['not_met', 'design'] }));
      expect(opinion.subjects).toEqual({ description: 'unmodified', design: 'qualified', operatingEffectiveness: null });
      expect(opinion.overall).toBe('qualified');
    });
  });

  test('overall is the most severe subject', () => {
    const opinion = formOpinion(
      { ...type2, misstatements: [{ text: 'CSOCs missing', pervasive: true }] },
      criteria({ 'CC1.1': ['not_met', 'design'], 'CC2.1': ['unable_to_conclude', null] }),
    );
    expect(opinion.subjects).toEqual({ description: 'adverse', design: 'qualified', operatingEffectiveness: 'qualified' });
    expect(opinion.overall).toBe('adverse');
  });

  test('not applicable criteria are out of scope: they neither count in the share nor modify the opinion', () => {
    // 2 not met of 4 in scope is half: pervasive by share, though 2 of 10 would not be.
    const list = criteria({ 'CC1.1': ['not_met', 'operating'], 'CC1.2': ['not_met', 'operating'] }).map((c, i) =>
      i >= 4 ? { ...c, status: 'not_applicable' as const } : c,
    );
    expect(formOpinion(type2, list).subjects.operatingEffectiveness).toBe('adverse');
    const onlyNotApplicable = criteria().map((c) => ({ ...c, status: 'not_applicable' as const }));
    expect(formOpinion(type2, onlyNotApplicable).overall).toBe('unmodified');
  });
});
