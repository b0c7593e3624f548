import { describe, expect, it } from 'vitest';
import { compareSnapshots, TREND_MAX_POINTS, trendPoints } from './history.js';
import { point } from './testing.js';

const at = (day: number, hour = 12) => `2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

describe('compareSnapshots', () => {
  it('reports a better opinion, fewer criteria not met and removed deficiencies', () => {
    const changes = compareSnapshots(point(at(10), 'qualified', 3, 2, 7), point(at(20), 'unmodified', 0, 0, 10));
    expect(changes.opinion).toEqual({ from: 'qualified', to: 'unmodified', change: 'better' });
    expect(changes.days).toBe(10);
    expect(changes.newlyNotMet).toBe(0);
    expect(changes.newlyMet).toBe(3);
    expect(changes.deficiencies).toEqual([{ key: 'material_weakness', from: 2, to: 0, delta: -2 }]);
    expect(changes.deficienciesAdded).toBe(0);
    expect(changes.deficienciesRemoved).toBe(2);
  });

  it('reports a worse opinion and newly not-met criteria', () => {
    const changes = compareSnapshots(point(at(10), 'unmodified', 0, 0, 10), point(at(17), 'adverse', 4, 1, 6));
    expect(changes.opinion.change).toBe('worse');
    expect(changes.newlyNotMet).toBe(4);
    expect(changes.newlyMet).toBe(0);
    expect(changes.deficienciesAdded).toBe(1);
  });

  it('counts deficiencies added and removed per severity, most severe first', () => {
    const before = point(at(10), 'qualified');
    const after = point(at(17), 'qualified');
    before.deficiencies = { deficiency: 1, significant_deficiency: 2, material_weakness: 0 };
    after.deficiencies = { deficiency: 3, significant_deficiency: 1, material_weakness: 1 };
    const changes = compareSnapshots(before, after);
    expect(changes.deficiencies.map((c) => [c.key, c.delta])).toEqual([
      ['material_weakness', 1],
      ['significant_deficiency', -1],
      ['deficiency', 2],
    ]);
    expect(changes.deficienciesAdded).toBe(3);
    expect(changes.deficienciesRemoved).toBe(1);
  });

  it('finds nothing changed between equal counts', () => {
    const changes = compareSnapshots(point(at(10), 'qualified', 1), point(at(20), 'qualified', 1));
    expect(changes.opinion.change).toBe('same');
    expect([changes.newlyMet, changes.newlyNotMet]).toEqual([0, 0]);
    expect(changes.deficiencies).toEqual([]);
  });
});

describe('trendPoints', () => {
  it('orders the points oldest first with the opinion as a rank', () => {
    const points = trendPoints([point(at(20), 'adverse', 5, 2), point(at(10), 'unmodified'), point(at(15), 'disclaimer')]);
    expect(points.map((p) => [p.takenAt.slice(0, 10), p.opinion, p.notMet, p.materialWeaknesses])).toEqual([
      ['2025-03-10', 0, 0, 0],
      ['2025-03-15', 3, 0, 0],
      ['2025-03-20', 2, 5, 2],
    ]);
  });

  it('keeps the last of each day when there are too many points', () => {
    const many = Array.from({ length: TREND_MAX_POINTS + 10 }, (_, i) =>
      point(new Date(Date.UTC(2025, 2, 1 + Math.floor(i / 4), i % 4)).toISOString(), i % 4 === 3 ? 'qualified' : 'unmodified'),
    );
    const points = trendPoints(many);
    expect(points).toHaveLength(Math.ceil(many.length / 4));
    // Each full day's last snapshot (hour 3) is the qualified one.
    expect(points.slice(0, -1).every((p) => p.opinionName === 'qualified')).toBe(true);
  });
});
