import { describe, expect, test } from 'vitest';
import { findCriterion, type Criterion } from '../criteria/catalogue.js';
import { buildControlResult } from '../testing/builders.js';
import { criterionStatus } from './criterion-status.js';
import type { ControlConclusion, ControlResult } from './result.js';

const CC62 = findCriterion('CC6.2') as Criterion;

/** A control addressing CC6.2 with the given conclusion. */
function ctl(id: string, conclusion: ControlConclusion, extra: Partial<ControlResult> = {}): ControlResult {
  return buildControlResult({ id, conclusion, criteria: ['CC6.2'], ...extra });
}

/** The status of CC6.2 given the controls that address it and, per control id, the controls that compensate it. */
function status(addressing: ControlResult[], compensators: Record<string, ControlResult[]> = {}, notApplicable?: string) {
  return criterionStatus(CC62, {
    addressing: (id) => (id === 'CC6.2' ? addressing : []),
    compensators: (id) => compensators[id] ?? [],
    notApplicableReason: () => notApplicable,
  });
}

describe('criterionStatus (DESIGN §5, criterion status)', () => {
  test('a criterion marked not applicable is not applicable, with its reason, whatever addresses it', () => {
    const result = status([ctl('AC-1', 'not_effective', { key: true })], {}, 'All facilities are carved out');
    expect(result.status).toBe('not_applicable');
    expect(result.failure).toBeNull();
    expect(result.reasons).toEqual(['CC6.2 is not applicable: All facilities are carved out']);
  });

  describe('rule 1', () => {
    test('nothing addresses it → not met, a design failure', () => {
      const result = status([]);
      expect(result).toMatchObject({ status: 'not_met', failure: 'design', controls: [], failingControls: [] });
      expect(result.reasons).toEqual(['No control addresses CC6.2 (rule 1).']);
    });
  });

  describe('rule 2', () => {
    test('a key control not effective and uncompensated → not met in operation', () => {
      const result = status([ctl('AC-1', 'not_effective', { key: true }), ctl('AC-2', 'effective')]);
      expect(result).toMatchObject({ status: 'not_met', failure: 'operating', failingControls: ['AC-1'], controls: ['AC-1', 'AC-2'] });
      expect(result.reasons.join(' ')).toMatch(/Key control AC-1 \(not effective\) failed with no effective compensating control \(rule 2, operating\)/);
    });

    test('a key control deficient in design and uncompensated → not met in design', () => {
      const result = status([ctl('AC-1', 'design_deficiency', { key: true })]);
      expect(result).toMatchObject({ status: 'not_met', failure: 'design', failingControls: ['AC-1'] });
      expect(result.reasons.join(' ')).toMatch(/Key control AC-1 \(design deficiency\) failed.*\(rule 2, design\)/);
    });

    test('a design failure beside an operating one counts as both, design first', () => {
      const result = status([ctl('AC-1', 'not_effective', { key: true }), ctl('AC-2', 'design_deficiency', { key: true })]);
      expect(result).toMatchObject({
        status: 'not_met',
        failure: 'design',
        failures: ['design', 'operating'],
        failingControls: ['AC-1', 'AC-2'],
      });
    });

    test('with the design failure compensated, the operating failure beside it still leaves it not met, in operation', () => {
      const result = status(
        [ctl('AC-1', 'not_effective', { key: true }), ctl('AC-2', 'design_deficiency', { key: true })],
        { 'AC-2': [ctl('AC-9', 'effective', { criteria: [] })] },
      );
      expect(result).toMatchObject({ status: 'not_met', failure: 'operating', failingControls: ['AC-1'] });
    });

    test.each(['effective', 'effective_with_exceptions'] as const)(
      'a failed key control compensated by a control concluded %s does not leave it not met',
      (compensating) => {
        const failing = ctl('AC-1', 'not_effective', { key: true });
        const result = status([failing], { 'AC-1': [ctl('AC-9', compensating, { criteria: [] })] });
        expect(result.status).not.toBe('not_met');
        expect(result.status).toBe('met_with_exceptions');
        expect(result.failingControls).toEqual([]);
        expect(result.reasons.join(' ')).toMatch(/Key control AC-1 \(not effective\) is compensated by AC-9/);
      },
    );

    test.each(['not_effective', 'design_deficiency', 'not_tested'] as const)(
      'a compensating control concluded %s is not relied on',
      (compensating) => {
        const result = status([ctl('AC-1', 'design_deficiency', { key: true })], { 'AC-1': [ctl('AC-9', compensating)] });
        expect(result).toMatchObject({ status: 'not_met', failure: 'design', failingControls: ['AC-1'] });
      },
    );

    test('a failed key control beside an untested one is not met, not unable to conclude', () => {
      const result = status([ctl('AC-1', 'not_effective', { key: true }), ctl('AC-2', 'not_tested', { key: true })]);
      expect(result.status).toBe('not_met');
    });
  });

  describe('rule 3', () => {
    test('a key control not tested → unable to conclude', () => {
      const result = status([ctl('AC-1', 'not_tested', { key: true }), ctl('AC-2', 'effective', { key: true })]);
      expect(result.status).toBe('unable_to_conclude');
      expect(result.failure).toBeNull();
      expect(result.reasons).toEqual(['Key control AC-1 not tested (rule 3).']);
    });

    test('a non-key control not tested leaves it met when a key control is effective', () => {
      const result = status([ctl('AC-1', 'effective', { key: true }), ctl('AC-2', 'not_tested')]);
      expect(result.status).toBe('met');
    });
  });

  describe('key controls: those marked key, or all of them where none is', () => {
    test('when none is marked key, a failure of any control leaves it not met', () => {
      const result = status([ctl('AC-1', 'effective'), ctl('AC-2', 'not_effective')]);
      expect(result).toMatchObject({ status: 'not_met', failingControls: ['AC-2'] });
    });

    test('when none is marked key, any untested control leaves it unable to conclude', () => {
      expect(status([ctl('AC-1', 'effective'), ctl('AC-2', 'not_tested')]).status).toBe('unable_to_conclude');
    });

    test('when one is marked key, the failure of a non-key control is only an exception (rule 4)', () => {
      const result = status([ctl('AC-1', 'effective', { key: true }), ctl('AC-2', 'not_effective')]);
      expect(result.status).toBe('met_with_exceptions');
      expect(result.failingControls).toEqual([]);
      expect(result.reasons.join(' ')).toMatch(/exceptions noted in AC-2 \(not effective\) \(rule 4\)/);
    });
  });

  describe('rules 4 and 5', () => {
    test('a key control effective with exceptions → met with exceptions', () => {
      expect(status([ctl('AC-1', 'effective_with_exceptions', { key: true })]).status).toBe('met_with_exceptions');
    });

    test('a non-key control deficient in design → met with exceptions', () => {
      expect(status([ctl('AC-1', 'effective', { key: true }), ctl('AC-2', 'design_deficiency')]).status).toBe('met_with_exceptions');
    });

    test('every addressing control effective → met', () => {
      const result = status([ctl('AC-1', 'effective', { key: true }), ctl('AC-2', 'effective')]);
      expect(result).toMatchObject({ status: 'met', failure: null, failingControls: [] });
      expect(result.reasons).toEqual(['Met: AC-1 effective (rule 5).']);
    });
  });
});
