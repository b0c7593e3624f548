/**
 * Laws of the readiness assessment over generated examinations: one action per gap (a control short of effective,
 * a criterion nothing addresses), each with the whole engine's forecast once the gap is closed, best first; and
 * readiness, of all the criteria or per series, counts exactly the in-scope criteria met.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CRITERION_STATUSES } from '../evaluation/result.js';
import { arbExamination } from '../testing/builders.js';
import { opinionRank } from '../testing/laws.js';
import { examine } from '../evaluation/examine.js';
import { assumeEffective, effectOf } from '../evaluation/what-if.js';
import { readinessPlan, withControlFor } from './actions.js';
import { readinessBySeries, readinessOf } from './series.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);

/** Criteria of any status in a few series, none in scope included (an examination seldom has that). */
const arbCriteria = fc.array(fc.record({ series: fc.constantFrom('CC1', 'CC6', 'A1', 'P1'), status: fc.constantFrom(...CRITERION_STATUSES) }), { maxLength: 30 });

describe('the readiness action list', () => {
  prop.prop([arbExamination], { numRuns: RUNS })('has one action per control short of effective and per criterion nothing addresses', (examination) => {
    const current = examine(examination);
    const { opinion, actions } = readinessPlan(examination);
    expect(opinion).toBe(current.opinion.overall);
    const gaps = [
      ...current.controls.filter((c) => c.conclusion !== 'effective').map((c) => c.id),
      ...current.criteria.filter((c) => c.status !== 'not_applicable' && c.controls.length === 0).map((c) => c.id),
    ];
    expect(actions.map((a) => a.subject).sort()).toEqual(gaps.sort());
  });

  prop.prop([arbExamination], { numRuns: RUNS })('gives each action the whole engine’s forecast with the gap closed', (examination) => {
    const current = examine(examination);
    for (const action of readinessPlan(examination).actions) {
      const closed = action.kind === 'add_control' ? withControlFor(examination, action.subject) : assumeEffective(examination, action.subject);
      expect({ opinion: action.opinion, restores: action.restores, criteria: action.criteria }, action.subject).toEqual(effectOf(current, examine(closed)));
    }
  });

  prop.prop([arbExamination], { numRuns: RUNS })('puts first the action that changes at least as much as any later one', (examination) => {
    const { actions } = readinessPlan(examination);
    actions.forEach((later, i) => {
      const earlier = actions[i - 1];
      if (!earlier) return;
      expect(opinionRank(earlier.opinion)).toBeLessThanOrEqual(opinionRank(later.opinion));
      if (earlier.opinion === later.opinion) {
        expect(earlier.restores.length).toBeGreaterThanOrEqual(later.restores.length);
        if (earlier.restores.length === later.restores.length) expect(earlier.criteria.length).toBeGreaterThanOrEqual(later.criteria.length);
      }
    });
    const [first] = actions;
    for (const later of actions) {
      if (!first) break;
      expect(opinionRank(first.opinion)).toBeLessThanOrEqual(opinionRank(later.opinion));
      if (first.opinion === later.opinion) expect(first.restores.length).toBeGreaterThanOrEqual(later.restores.length);
    }
  });
});

describe('readiness per series', () => {
  prop.prop([arbExamination], { numRuns: RUNS })('counts every in-scope criterion once and the met ones as met', (examination) => {
    const { criteria } = examine(examination);
    const series = readinessBySeries(criteria);
    const inScope = criteria.filter((c) => c.status !== 'not_applicable');
    expect(new Set(series.map((s) => s.series)).size).toBe(series.length);
    expect(series.reduce((n, s) => n + s.inScope, 0)).toBe(inScope.length);
    expect(series.reduce((n, s) => n + s.met, 0)).toBe(inScope.filter((c) => c.status === 'met' || c.status === 'met_with_exceptions').length);
    for (const s of series) {
      expect(s.inScope).toBeGreaterThan(0);
      expect(s.share).toBe(s.met / s.inScope);
      expect(s.share).toBeGreaterThanOrEqual(0);
      expect(s.share).toBeLessThanOrEqual(1);
    }
  });
});

describe('readiness of a set of criteria', () => {
  prop.prop([arbCriteria], { numRuns: RUNS })('is the share of the in-scope criteria that are met, none when nothing is in scope', (criteria) => {
    const inScope = criteria.filter((c) => c.status !== 'not_applicable');
    const met = inScope.filter((c) => c.status === 'met' || c.status === 'met_with_exceptions');
    const readiness = readinessOf(criteria);
    expect(readiness).toEqual({ inScope: inScope.length, met: met.length, share: inScope.length === 0 ? null : met.length / inScope.length });
    expect(readinessOf([...criteria].reverse())).toEqual(readiness);
  });

  prop.prop([arbCriteria], { numRuns: RUNS })('per series is the readiness of each series’ criteria, adding up to the whole', (criteria) => {
    const series = readinessBySeries(criteria);
    for (const s of series) expect({ series: s.series, ...readinessOf(criteria.filter((c) => c.series === s.series)) }).toEqual(s);
    const listed = new Set(series.map((s) => s.series));
    for (const c of criteria) if (!listed.has(c.series)) expect(c.status).toBe('not_applicable');
    const whole = readinessOf(criteria);
    expect(series.reduce((n, s) => n + s.met, 0)).toBe(whole.met);
    expect(series.reduce((n, s) => n + s.inScope, 0)).toBe(whole.inScope);
  });
});
