import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { examine } from '../evaluation/examine.js';
import { arbExamination, buildControl, buildExamination, testOf } from '../testing/builders.js';
import { comparePeriods, type PeriodChange } from './compare.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 100);

/** Reading the comparison the other way round. */
const MIRROR: Record<PeriodChange, PeriodChange> = { better: 'worse', worse: 'better', same: 'same', added: 'removed', removed: 'added' };

describe('comparePeriods', () => {
  it('judges each criterion, control and the opinion, and names what came into or left the scope', () => {
    const before = examine(
      buildExamination({
        engagement: { categories: ['availability'], notApplicable: [{ criterion: 'A1.3', reason: 'No recovery site' }] },
        controls: [
          buildControl({ id: 'AC-04', criteria: ['CC6.2'], key: true, frequency: 'event' }),
          buildControl({ id: 'OLD-1', criteria: ['A1.2'], key: true, frequency: 'annual' }),
        ],
        tests: [testOf('AC-04', 3, 2, 14), testOf('OLD-1', 1, 0, 1)],
      }),
    );
    const after = examine(
      buildExamination({
        engagement: { categories: [], periodStart: '2026-01-01', periodEnd: '2026-12-31' },
        controls: [buildControl({ id: 'AC-04', criteria: ['CC6.2'], key: true, frequency: 'event' }), buildControl({ id: 'NEW-1', criteria: ['CC6.2'] })],
        tests: [testOf('AC-04', 5, 0, 14)],
      }),
    );
    const comparison = comparePeriods(before, after);

    expect(comparison.controls).toEqual([
      { id: 'AC-04', before: 'not_effective', after: 'effective', change: 'better' },
      { id: 'NEW-1', before: null, after: 'not_tested', change: 'added' },
      { id: 'OLD-1', before: 'effective', after: null, change: 'removed' },
    ]);
    const row = (id: string) => comparison.criteria.find((c) => c.id === id);
    expect(row('CC6.2')).toEqual({ id: 'CC6.2', before: 'not_met', after: 'met', change: 'better' });
    // Availability left the scope: its criteria are removed, whether they were met or not applicable.
    expect(row('A1.2')).toEqual({ id: 'A1.2', before: 'met', after: null, change: 'removed' });
    expect(row('A1.3')).toEqual({ id: 'A1.3', before: 'not_applicable', after: null, change: 'same' });
    expect(row('CC1.1')).toMatchObject({ before: 'not_met', after: 'not_met', change: 'same' });
    // Catalogue order: the common criteria first, then availability.
    expect(comparison.criteria[0]?.id).toBe('CC1.1');
    expect(comparison.criteria.at(-1)?.id).toBe('A1.3');
    expect(comparison.opinion).toEqual({ before: before.opinion.overall, after: after.opinion.overall, change: 'same' });
  });

  it('sees a criterion that becomes not applicable as leaving the scope, not as an improvement', () => {
    const control = buildControl({ id: 'AC-04', criteria: ['CC6.2'], key: true, frequency: 'event' });
    const before = examine(buildExamination({ controls: [control], tests: [testOf('AC-04', 3, 2, 14)] }));
    const after = examine(
      buildExamination({ engagement: { notApplicable: [{ criterion: 'CC6.2', reason: 'Carved out' }] }, controls: [control], tests: [testOf('AC-04', 3, 2, 14)] }),
    );
    expect(comparePeriods(before, after).criteria.find((c) => c.id === 'CC6.2')).toEqual({
      id: 'CC6.2',
      before: 'not_met',
      after: 'not_applicable',
      change: 'removed',
    });
  });

  it('ranks a design deficiency below an operating failure, and not tested between exceptions and failure', () => {
    const result = (design: 'effective' | 'deficient', passed: number, failed: number, tested = true) =>
      examine(
        buildExamination({
          controls: [buildControl({ id: 'AC-04', criteria: ['CC6.2'], frequency: 'event', design })],
          tests: tested ? [testOf('AC-04', passed, failed, 14)] : [],
        }),
      );
    const change = (a: ReturnType<typeof result>, b: ReturnType<typeof result>) => comparePeriods(a, b).controls[0]?.change;
    const notEffective = result('effective', 3, 2);
    const designDeficient = result('deficient', 5, 0);
    const notTested = result('effective', 0, 0, false);
    const withExceptions = examine(
      buildExamination({ controls: [buildControl({ id: 'AC-04', criteria: ['CC6.2'], frequency: 'event' })], tests: [testOf('AC-04', 400, 1, 1000)] }),
    );
    expect(withExceptions.controls[0]?.conclusion).toBe('effective_with_exceptions');
    expect(change(notEffective, designDeficient)).toBe('worse');
    expect(change(notTested, notEffective)).toBe('worse');
    expect(change(withExceptions, notTested)).toBe('worse');
  });

  prop.prop([arbExamination], { numRuns: RUNS })('a period compared with itself is the same throughout', (examination) => {
    const result = examine(examination);
    const comparison = comparePeriods(result, result);
    expect(comparison.criteria.every((c) => c.change === 'same' && c.before === c.after)).toBe(true);
    expect(comparison.controls.every((c) => c.change === 'same' && c.before === c.after)).toBe(true);
    expect(comparison.opinion.change).toBe('same');
    expect(comparison.criteria.map((c) => c.id)).toEqual(result.criteria.map((c) => c.id));
  });

  prop.prop([arbExamination, arbExamination], { numRuns: RUNS })(
    'swapping the periods swaps better with worse and added with removed',
    (a, b) => {
      const [first, second] = [examine(a), examine(b)];
      const forward = comparePeriods(first, second);
      const backward = comparePeriods(second, first);
      const mirrored = <T extends { id: string; before: unknown; after: unknown; change: PeriodChange }>(rows: T[]) =>
        rows.map((r) => ({ id: r.id, before: r.after, after: r.before, change: MIRROR[r.change] }));
      expect(backward.criteria).toEqual(mirrored(forward.criteria));
      expect(backward.controls).toEqual(mirrored(forward.controls));
      expect(backward.opinion).toEqual({ before: forward.opinion.after, after: forward.opinion.before, change: MIRROR[forward.opinion.change] });
    },
  );

  prop.prop([arbExamination, arbExamination], { numRuns: RUNS })('never changes the results it compares', (a, b) => {
    const [first, second] = [examine(a), examine(b)];
    const copies = structuredClone([first, second]);
    comparePeriods(first, second);
    expect([first, second]).toEqual(copies);
  });
});

describe('comparePeriods on generated pairs', () => {
  prop.prop([arbExamination, fc.nat()], { numRuns: RUNS })('lists every criterion and control of either period once', (examination, drop) => {
    const before = examine(examination);
    const fewer = { ...examination, controls: examination.controls.filter((_, i) => i !== drop % examination.controls.length) };
    const after = examine(fewer);
    const comparison = comparePeriods(before, after);
    const ids = comparison.controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(before.controls.map((c) => c.id)));
    expect(comparison.controls.filter((c) => c.change === 'removed')).toHaveLength(before.controls.length - after.controls.length);
  });
});
