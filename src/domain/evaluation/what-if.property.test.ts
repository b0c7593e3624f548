/**
 * Laws of the what-if over generated examinations: assuming a control effective never worsens a criterion or the
 * description and design opinions, a control already effective changes nothing, the shortcut (concluding only
 * the changed control again) is the whole engine's answer, and the ranking is by opinion, then criteria restored.
 *
 * The overall opinion follows the engine's one documented move (docs/rules.md): a fix can turn a criterion not
 * met beside an untested key control into one the auditor is unable to conclude on, so the scope set grows and
 * can become pervasive. The strict opinion law is scoped to fixes without that move; what holds in every case
 * is stated beside it.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Examination } from '../engagement.js';
import { arbExamination } from '../testing/builders.js';
import { STATUS_ORDER, expectNotWorse, expectOpinion, kindChanges, opinionRank } from '../testing/laws.js';
import { concludeControls, examine } from './examine.js';
import { SEVERITIES } from './result.js';
import { assumeEffective, rankFixes, whatIfEffective } from './what-if.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);

/** A generated examination and one of its controls. */
const withControl = fc.tuple(arbExamination, fc.nat()).map(([examination, pick]) => ({
  examination,
  target: (examination.controls[pick % examination.controls.length] as Examination['controls'][number]).id,
}));

function beforeAndAfterFix({ examination, target }: { examination: Examination; target: string }) {
  return { before: examine(examination), after: examine(assumeEffective(examination, target)) };
}

describe('assuming a control effective', () => {
  prop.prop([withControl], { numRuns: RUNS })('concludes it effective and leaves every other control as it was', (input) => {
    const { before, after } = beforeAndAfterFix(input);
    before.controls.forEach((b, i) => {
      const a = after.controls[i];
      expect(a?.id).toBe(b.id);
      expect(a?.conclusion, b.id).toBe(b.id === input.target ? 'effective' : b.conclusion);
    });
  });

  prop.prop([withControl], { numRuns: RUNS })('never worsens a criterion, the description or the design opinion', (input) => {
    const { before, after } = beforeAndAfterFix(input);
    before.criteria.forEach((b, i) => expectNotWorse(b.id, b.status, after.criteria[i]?.status as string, STATUS_ORDER));
    expect(after.opinion.subjects.description).toBe(before.opinion.subjects.description);
    expect(opinionRank(after.opinion.subjects.design)).toBeLessThanOrEqual(opinionRank(before.opinion.subjects.design));
    if (before.opinion.overall === 'unmodified') expect(after.opinion.overall).toBe('unmodified');
  });

  prop.prop([withControl], { numRuns: RUNS })(
    'never worsens the overall opinion or a subject when no criterion moves from not met to unable to conclude',
    (input) => {
      const { before, after } = beforeAndAfterFix(input);
      fc.pre(kindChanges(before, after).length === 0);
      expectOpinion(before, after, 'not worse');
    },
  );

  prop.prop([withControl], { numRuns: RUNS })('worsens the overall opinion only into a disclaimer, through criteria it uncovers as untested', (input) => {
    const { before, after } = beforeAndAfterFix(input);
    if (opinionRank(after.opinion.overall) > opinionRank(before.opinion.overall)) {
      expect(after.opinion.overall).toBe('disclaimer');
      expect(kindChanges(before, after).length).toBeGreaterThan(0);
    }
  });

  prop.prop([withControl], { numRuns: RUNS })('changes nothing when the control is effective already', (input) => {
    const before = examine(input.examination);
    fc.pre(before.controls.find((c) => c.id === input.target)?.conclusion === 'effective');
    expect(assumeEffective(input.examination, input.target)).toEqual(input.examination);
    expect(examine(assumeEffective(input.examination, input.target))).toEqual(before);
  });

  prop.prop([withControl], { numRuns: RUNS })('concluding only that control again gives the whole engine’s result', (input) => {
    const shortcut = whatIfEffective(input.examination, concludeControls(input.examination), input.target);
    expect(shortcut).toEqual(examine(assumeEffective(input.examination, input.target)));
  });
});

describe('ranking the fixes', () => {
  prop.prop([arbExamination], { numRuns: RUNS })('ranks one fix per deficient control, each the engine’s answer', (examination) => {
    const current = examine(examination);
    const { opinion, fixes } = rankFixes(examination);
    expect(opinion).toBe(current.opinion.overall);
    const deficient = current.deficiencies.flatMap((d) => (d.control === null ? [] : [d.control]));
    expect(fixes.map((f) => f.control).sort()).toEqual([...deficient].sort());
    for (const fix of fixes) {
      const after = examine(assumeEffective(examination, fix.control));
      expect(fix.opinion).toBe(after.opinion.overall);
      for (const id of fix.restores) {
        expect(['met', 'met_with_exceptions']).toContain(after.criteria.find((c) => c.id === id)?.status);
        expect(['not_met', 'unable_to_conclude']).toContain(current.criteria.find((c) => c.id === id)?.status);
      }
    }
  });

  prop.prop([arbExamination], { numRuns: RUNS })('orders by the opinion, then criteria restored, then severity, then control id', (examination) => {
    const { fixes } = rankFixes(examination);
    const order = examine(examination).deficiencies.map((d) => d.control);
    fixes.slice(1).forEach((fix, i) => {
      const previous = fixes[i] as (typeof fixes)[number];
      const key = (f: typeof fix) => [
        opinionRank(f.opinion),
        -f.restores.length,
        -SEVERITIES.indexOf(f.severity),
        order.indexOf(f.control),
      ];
      const [a, b] = [key(previous), key(fix)];
      const firstDifference = a.findIndex((value, k) => value !== b[k]);
      expect(firstDifference, `${previous.control} before ${fix.control}`).toBeGreaterThanOrEqual(0);
      expect(a[firstDifference] as number).toBeLessThan(b[firstDifference] as number);
    });
  });
});
