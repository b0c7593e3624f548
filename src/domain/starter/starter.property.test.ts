/**
 * The starter set's law: for every combination of answers and categories, every in-scope criterion is addressed
 * by at least one starter control, and no starter control names a criterion outside the scope.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, criteriaOfCategories, isCriterionId } from '../criteria/catalogue.js';
import { DEFAULT_PERVASIVENESS, DEFAULT_SAMPLING } from '../engagement.js';
import { examine } from '../evaluation/examine.js';
import { NO_ANSWERS, STARTER_CONTROLS, STARTER_QUESTIONS, starterControls, type StarterAnswers } from './index.js';

const answers = fc.record<StarterAnswers>({ cloudProvider: fc.boolean(), personalData: fc.boolean(), hrSystem: fc.boolean(), developsSoftware: fc.boolean() });
const categories = fc.subarray([...CATEGORIES]);

describe('starter controls', () => {
  prop.prop([answers, categories], { numRuns: 300 })('address every in-scope criterion and nothing outside the scope', (given, chosen) => {
    const controls = starterControls(given, chosen);
    const inScope = new Set(criteriaOfCategories(chosen).map((c) => c.id));
    const addressed = new Set(controls.flatMap((c) => c.criteria));
    expect([...inScope].filter((id) => !addressed.has(id))).toEqual([]);
    expect([...addressed].filter((id) => !inScope.has(id))).toEqual([]);
    expect(controls.every((c) => c.criteria.length > 0)).toBe(true);
  });

  prop.prop([answers, categories], { numRuns: 100 })('leave no criterion not met in a type 1 examination of the starting engagement', (given, chosen) => {
    const result = examine({
      engagement: { organization: 'Acme', system: 'Platform', reportType: 'type1', periodStart: null, periodEnd: '2026-06-30', categories: chosen, notApplicable: [], sampling: DEFAULT_SAMPLING, pervasiveness: DEFAULT_PERVASIVENESS, misstatements: [] },
      controls: starterControls(given, chosen),
      tests: [],
    });
    expect(result.criteria.filter((c) => c.status !== 'met').map((c) => c.id)).toEqual([]);
    expect(result.opinion.overall).toBe('unmodified');
  });

  it('names only known criteria, and each id once', () => {
    expect(STARTER_CONTROLS.flatMap((c) => c.criteria).filter((id) => !isCriterionId(id))).toEqual([]);
    const ids = STARTER_CONTROLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('changes with each answer: every question adds or swaps a control', () => {
    const base = starterControls(NO_ANSWERS, [...CATEGORIES]).map((c) => c.id);
    for (const { key } of STARTER_QUESTIONS) {
      const changed = starterControls({ ...NO_ANSWERS, [key]: true }, [...CATEGORIES]).map((c) => c.id);
      expect(changed, key).not.toEqual(base);
    }
  });

  it('leaves out the criteria of a category not chosen: PD-01 names C1.1 only with confidentiality', () => {
    const pd = (chosen: (typeof CATEGORIES)[number][]) => starterControls({ ...NO_ANSWERS, personalData: true }, chosen).find((c) => c.id === 'PD-01')?.criteria;
    expect(pd(['security'])).toEqual(['CC6.1', 'CC6.3']);
    expect(pd(['security', 'confidentiality'])).toEqual(['CC6.1', 'CC6.3', 'C1.1']);
  });
});
