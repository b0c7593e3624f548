/**
 * Laws of the plan over random sets of actions: the standing of a dated action is exactly one of done,
 * overdue, due soon and on track; what remains never grows as the days pass; the ideal line reaches 0 at the
 * target; the chart never has more points than the cap and its days only move forward.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { CorrectiveAction, Finding } from '../findings/model.js';
import { buildAction, buildFinding } from '../findings/testing.js';
import { ACTION_STATES, countActions, plannedActions } from './actions.js';
import { MAX_BURNDOWN_POINTS, burndown } from './burndown.js';
import { addDays } from '../dates.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const BASE = '2026-01-01';
const day = (n: number) => addDays(BASE, n);

const arbAction = (id: number): fc.Arbitrary<CorrectiveAction> =>
  fc.record({ due: fc.option(fc.nat(1500)), done: fc.option(fc.nat(1500)) }).map(({ due, done }) =>
    buildAction({
      id: `CA-${id}`,
      due: due === null ? null : day(due),
      status: done === null ? 'planned' : 'done',
      completedOn: done === null ? null : day(done),
    }),
  );

const arbFindings: fc.Arbitrary<Finding[]> = fc
  .array(
    fc.record({
      identified: fc.option(fc.nat(600)),
      falsePositive: fc.boolean(),
      actions: fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbAction(i + 1)))),
    }),
    { maxLength: 5 },
  )
  .map((specs) =>
    specs.map((s, i) =>
      buildFinding({
        code: `F-${i + 1}`,
        identifiedOn: s.identified === null ? null : day(s.identified),
        status: s.falsePositive ? 'false_positive' : 'remediating',
        correctiveActions: s.actions,
      }),
    ),
  );

describe('remediation laws', () => {
  prop.prop([arbFindings, fc.nat(1500), fc.integer({ min: 1, max: 90 })], { numRuns: RUNS })(
    'overdue, due soon, on track and done partition the dated actions; counts add up',
    (findings, today, dueSoonDays) => {
      const planned = plannedActions(findings, day(today), dueSoonDays);
      for (const p of planned) {
        expect(ACTION_STATES).toContain(p.state);
        if (p.action.due !== null || p.action.status === 'done') expect(p.state).not.toBe('undated');
        expect(p.daysLate !== null).toBe(p.state === 'overdue');
        expect(p.daysLeft !== null).toBe(p.state === 'due_soon' || p.state === 'on_track');
      }
      const counted = findings.filter((f) => f.status !== 'false_positive').flatMap((f) => f.correctiveActions);
      const counts = countActions(planned);
      expect(counts.total).toBe(counted.length);
      expect(counts.done).toBe(counted.filter((a) => a.status === 'done').length);
      const dated = planned.filter((p) => p.state !== 'undated');
      expect(dated.length).toBe(counts.done + counts.overdue + counts.dueSoon + planned.filter((p) => p.state === 'on_track').length);
    },
  );

  prop.prop([arbFindings, fc.nat(1500), fc.option(fc.nat(1500))], { numRuns: RUNS })(
    'remaining never grows over time, the ideal reaches 0 at the target, the days move forward within the cap',
    (findings, today, target) => {
      const chart = burndown(findings, day(today), target === null ? null : day(target));
      expect(chart.points.length).toBeLessThanOrEqual(MAX_BURNDOWN_POINTS);
      if (chart.points.length === 0) return;
      expect(chart.points[0]?.date).toBe(chart.start);
      // The axis ends no later than the latest of its start, today and the target: no other date stretches it.
      const bound = [chart.start as string, day(today), chart.target ?? ''].sort().at(-1) as string;
      expect((chart.points.at(-1)?.date ?? '') <= bound).toBe(true);
      const known = chart.points.filter((p) => p.remaining !== null).map((p) => p.remaining as number);
      for (let i = 1; i < chart.points.length; i++) {
        expect((chart.points[i] as { date: string }).date > (chart.points[i - 1] as { date: string }).date).toBe(true);
      }
      for (let i = 1; i < known.length; i++) expect(known[i]).toBeLessThanOrEqual(known[i - 1] as number);
      // Known exactly up to today, unknown after.
      for (const p of chart.points) expect(p.remaining === null).toBe(p.date > day(today));
      if (chart.target !== null) {
        const atTarget = chart.points.find((p) => p.date === chart.target);
        if (chart.target >= (chart.start as string)) expect(atTarget?.ideal).toBe(0);
        const ideals = chart.points.map((p) => p.ideal as number);
        for (let i = 1; i < ideals.length; i++) expect(ideals[i]).toBeLessThanOrEqual(ideals[i - 1] as number);
      }
    },
  );
});
