import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { DAY_MS, pickComparison } from './history.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 100);

const at = (day: number, hour = 12) => ({ takenAt: `2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z` });

describe('pickComparison', () => {
  it('has nothing to compare without snapshots', () => {
    expect(pickComparison([])).toBeNull();
  });

  it('has no baseline with a single snapshot', () => {
    const only = at(20);
    expect(pickComparison([only])).toEqual({ latest: only, baseline: null, fullPeriod: false });
  });

  it('picks the newest snapshot at least seven days older than the latest, whatever the order given', () => {
    const latest = at(20);
    const sevenDaysExactly = at(13);
    const picked = pickComparison([at(18), at(10), latest, sevenDaysExactly]);
    expect(picked?.latest).toBe(latest);
    expect(picked?.baseline).toBe(sevenDaysExactly);
    expect(picked?.fullPeriod).toBe(true);
  });

  it('does not take a snapshot just short of the days asked', () => {
    const old = at(1);
    expect(pickComparison([at(20, 12), at(13, 13), old])?.baseline).toBe(old);
    expect(pickComparison([at(20, 12), at(19, 13), old], 1)?.baseline).toBe(old);
  });

  it('looks as far back as asked', () => {
    const [latest, dayBefore, weekBefore] = [at(20), at(19), at(13)];
    expect(pickComparison([latest, dayBefore, weekBefore], 1)?.baseline).toBe(dayBefore);
    expect(pickComparison([latest, dayBefore, weekBefore], 7)?.baseline).toBe(weekBefore);
  });

  it('falls back to the oldest snapshot when none is old enough', () => {
    const latest = at(20);
    const oldest = at(15);
    expect(pickComparison([latest, at(17), oldest])).toEqual({ latest, baseline: oldest, fullPeriod: false });
  });
});

/** Snapshots over about two months, at whole minutes, in any order. */
const arbSnapshots = fc.array(
  fc.integer({ min: 0, max: 60 * 24 * 60 }).map((minutes) => ({ takenAt: new Date(Date.UTC(2025, 0, 1) + minutes * 60_000).toISOString() })),
  { minLength: 1, maxLength: 40 },
);
const arbDays = fc.integer({ min: 1, max: 366 });
const time = (s: { takenAt: string }) => Date.parse(s.takenAt);

describe('pickComparison laws', () => {
  prop.prop([arbSnapshots, arbDays], { numRuns: RUNS })(
    'the latest is the newest; the baseline is the newest old enough, else the oldest, and never the latest itself',
    (snapshots, days) => {
      const picked = pickComparison(snapshots, days);
      expect(picked).not.toBeNull();
      const { latest, baseline, fullPeriod } = picked!;
      const times = snapshots.map(time);
      expect(time(latest)).toBe(Math.max(...times));
      expect(baseline === null).toBe(snapshots.length === 1);
      if (baseline === null) return;
      expect(baseline).not.toBe(latest);
      expect(snapshots).toContain(baseline);
      const oldEnough = times.filter((t) => time(latest) - t >= days * DAY_MS);
      expect(fullPeriod).toBe(oldEnough.length > 0);
      expect(time(baseline)).toBe(fullPeriod ? Math.max(...oldEnough) : Math.min(...times));
    },
  );

  prop.prop([arbSnapshots, arbDays, fc.integer({ min: 0, max: 365 })], { numRuns: RUNS })(
    'looking further back never picks a newer baseline',
    (snapshots, days, more) => {
      const near = pickComparison(snapshots, days)?.baseline;
      const far = pickComparison(snapshots, days + more)?.baseline;
      if (near && far) expect(time(far)).toBeLessThanOrEqual(time(near));
    },
  );

  prop.prop([arbSnapshots.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length }))), arbDays], {
    numRuns: RUNS,
  })('the order the snapshots are given in does not change the moments picked', ([snapshots, shuffled], days) => {
    const moments = (p: ReturnType<typeof pickComparison>) => p && [p.latest.takenAt, p.baseline?.takenAt, p.fullPeriod];
    expect(moments(pickComparison(shuffled, days))).toEqual(moments(pickComparison(snapshots, days)));
  });
});
