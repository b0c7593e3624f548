import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { changeApproval } from './change-approval.js';
import type { Row } from './model.js';
import { at, dates, runRule, verdicts } from './testing.js';

const review = (login: string | null, state: string, submitted: string | null): Row => ({
  user: login === null ? null : { login },
  state,
  ...(submitted !== null && { submitted_at: at(submitted) }),
});
const pull = (number: number, author: string, merged: string | null, reviews: Row[], base = 'main'): Row => ({
  number,
  user: { login: author },
  merged_at: merged === null ? null : at(merged),
  base: { ref: base },
  reviews,
});
const run = (pulls: Row[], asOf = '2026-06-30', params = {}) => runRule(changeApproval, { prs: { format: 'github-pulls', rows: pulls } }, dates(asOf), params);

describe('change-approval', () => {
  const merged = '2026-03-02T09:30:00Z';

  it('takes pulls merged from the period start to the end of the as-of day, into the listed branches', () => {
    const ok = [review('bob', 'APPROVED', '2026-01-01T00:00:00Z')];
    const pulls = [
      pull(1, 'al', '2025-12-31T23:59:59Z', ok),
      pull(2, 'al', '2026-01-01T00:00:00Z', ok),
      pull(3, 'al', null, ok),
      pull(4, 'al', '2026-06-30T23:59:59Z', ok),
      pull(5, 'al', '2026-07-01T00:00:00Z', ok),
      pull(6, 'al', '2026-03-01T00:00:00Z', ok, 'develop'),
    ];
    expect(run(pulls).map((o) => o.item)).toEqual(['2', '4', '6']);
    expect(run(pulls, '2026-06-30', { branches: ['main'] }).map((o) => o.item)).toEqual(['2', '4']);
  });

  it('fails a self-approval, and one merged with no review', () => {
    expect(run([pull(7, 'alice', merged, [review('alice', 'APPROVED', '2026-03-02T09:00:00Z')])])[0]?.failure).toBe(
      'merged 2026-03-02T09:30:00Z into main with no approval by anyone other than its author (alice)',
    );
    expect(verdicts(run([pull(7, 'Alice', merged, [review('alice', 'APPROVED', '2026-03-02T09:00:00Z')])]))).toEqual([['7', true]]);
    expect(verdicts(run([pull(8, 'alice', merged, [])]))).toEqual([['8', true]]);
  });

  it('fails when the approval was dismissed after it was given, and passes when changes requested were later approved', () => {
    const dismissed = run([pull(9, 'al', merged, [review('bob', 'APPROVED', '2026-03-02T08:00:00Z'), review('bob', 'DISMISSED', '2026-03-02T09:00:00Z')])]);
    expect(dismissed[0]?.failure).toBe("merged 2026-03-02T09:30:00Z into main with no approval standing at the merge: bob's last review was DISMISSED");
    expect(verdicts(run([pull(10, 'al', merged, [review('bob', 'CHANGES_REQUESTED', '2026-03-02T08:00:00Z'), review('bob', 'APPROVED', '2026-03-02T09:00:00Z')])]))).toEqual([['10', false]]);
  });

  it('counts reviews at or before the merge only, COMMENTED and PENDING never, and any reviewer whose last word is an approval', () => {
    expect(verdicts(run([pull(11, 'al', merged, [review('bob', 'APPROVED', merged)])]))).toEqual([['11', false]]);
    expect(verdicts(run([pull(12, 'al', merged, [review('bob', 'APPROVED', '2026-03-02T09:30:00.001Z')])]))).toEqual([['12', true]]);
    expect(verdicts(run([pull(13, 'al', merged, [review('bob', 'APPROVED', '2026-03-01T00:00:00Z'), review('bob', 'COMMENTED', '2026-03-02T00:00:00Z'), review('cy', 'PENDING', null)])]))).toEqual([['13', false]]);
    expect(verdicts(run([pull(14, 'al', merged, [review('bob', 'APPROVED', '2026-03-01T00:00:00Z'), review('cy', 'CHANGES_REQUESTED', '2026-03-02T00:00:00Z')])]))).toEqual([['14', false]]);
    expect(verdicts(run([pull(15, 'al', merged, [review(null, 'APPROVED', '2026-03-01T00:00:00Z')])]))).toEqual([['15', true]]);
  });

  // A reference written differently: reviews sorted by time, the standing decision of each reviewer replayed.
  const instant = fc.integer({ min: 0, max: 20 }).map((h) => new Date(Date.UTC(2026, 2, 2, h)));
  prop.prop([
    fc.array(
      fc.record({
        author: fc.constantFrom('al', 'bo'),
        merged: fc.option(instant),
        reviews: fc.array(fc.record({ login: fc.constantFrom('al', 'bo', 'cy'), state: fc.constantFrom('APPROVED', 'CHANGES_REQUESTED', 'DISMISSED', 'COMMENTED'), at: instant }), { maxLength: 6 }),
      }),
      { maxLength: 6 },
    ),
  ])('agrees with a reference that replays each reviewer’s standing decision', (pulls) => {
    const rows = pulls.map((p, i) =>
      pull(i, p.author, p.merged?.toISOString() ?? null, [...p.reviews].sort((a, b) => a.at.getTime() - b.at.getTime()).map((r) => review(r.login, r.state, r.at.toISOString()))),
    );
    const expected = pulls.flatMap((p, i): [string, boolean][] => {
      if (p.merged === null) return [];
      const mergedAt = p.merged;
      const standing: Record<string, string> = {};
      const ordered = [...p.reviews].sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const r of ordered) if (r.at <= mergedAt && r.login !== p.author && r.state !== 'COMMENTED') standing[r.login] = r.state;
      return [[String(i), !Object.values(standing).includes('APPROVED')]];
    });
    expect(verdicts(run(rows))).toEqual(expected);
  });
});
