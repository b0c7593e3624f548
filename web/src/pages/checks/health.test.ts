import { describe, expect, it } from 'vitest';
import type { Check, CheckRun } from '../../api/checks.js';
import { monitoringHealth } from './health.js';
import { describeTrend, trendOf } from './trend.js';

const run = (status: CheckRun['status'], failures: number, asOf: string): CheckRun => ({
  id: `run-${asOf}`,
  checkId: 'MON-AC-04',
  asOf,
  ranAt: `${asOf}T06:00:00.000Z`,
  trigger: 'schedule',
  status,
  population: 10,
  failures,
  failing: [],
  error: null,
  sources: [],
  findingCode: null,
});
const check = (id: string, latestRun: CheckRun | null): Check => ({ id, title: id, controls: [], kind: 'builtin', sources: [], latestRun, schedule: null });

describe('monitoring health', () => {
  it('counts a check never run, empty or in error as not proven, never as passing', () => {
    const health = monitoringHealth([check('A', run('pass', 0, '2026-07-01')), check('B', run('fail', 2, '2026-07-01')), check('C', run('empty', 0, '2026-07-01')), check('D', null)]);
    expect(health).toMatchObject({ checks: 4, passing: 1, failing: 1, unproven: 2 });
    expect(health.sentence).toBe('4 checks: 1 passing, 1 failing, 2 not proven (never run, empty or in error).');
    expect(monitoringHealth([]).sentence).toBe('No monitoring check.');
  });

  it('draws the runs oldest first and says the trend in words', () => {
    const points = trendOf([run('pass', 0, '2026-07-03'), run('fail', 3, '2026-07-01')]);
    expect(points.map((p) => p.asOf)).toEqual(['2026-07-01', '2026-07-03']);
    expect(describeTrend(points)).toBe('2 runs from 2026-07-01 to 2026-07-03: failing items went from 3 of 10 to 0 of 10.');
  });
});
