import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../domain/errors.js';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildEngagement, sequentialIds, steppingClock } from '../../test/support/factories.js';
import { createEngagementsRepository } from './engagements-repository.js';
import { createSnapshotsRepository } from './snapshots-repository.js';

const result = {
  reportType: 'type2',
  opinion: { overall: 'qualified', pervasive: false, basis: ['AC-04 is not effective'] },
  controls: [{ id: 'AC-04', conclusion: 'not_effective', deviationRate: 0.08, upperDeviationLimit: 0.2 }],
};

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: snapshots repository`, () => {
    const store = useFreshStore(engine);

    it('keeps an evaluation result exactly and finds it by id and as the latest', async () => {
      const snapshots = createSnapshotsRepository(store().db, { newId: sequentialIds(), clock: steppingClock() });
      const engagement = await buildEngagement(store().db);
      const first = await snapshots.create({ engagementId: engagement.id, opinion: 'unmodified', result: { n: 1 } });
      const second = await snapshots.create({ engagementId: engagement.id, opinion: 'qualified', result });
      expect(second).toEqual({
        id: '00000000-0000-4000-8000-000000000002',
        engagementId: engagement.id,
        takenAt: '2026-03-01T09:00:01.000Z',
        opinion: 'qualified',
        revision: null,
        summary: null,
        resultHash: null,
        result,
      });
      expect(await snapshots.findById(first.id)).toEqual(first);
      expect(await snapshots.latest(engagement.id)).toEqual(second);
      expect(await snapshots.latest('other')).toBeNull();
    });

    it('lists summaries newest first without their results', async () => {
      const snapshots = createSnapshotsRepository(store().db, { newId: sequentialIds(), clock: steppingClock() });
      const engagement = await buildEngagement(store().db);
      for (const opinion of ['adverse', 'qualified', 'unmodified']) {
        await snapshots.create({ engagementId: engagement.id, opinion, result });
      }
      const page = await snapshots.list(engagement.id, { limit: 2, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.items.map((s) => s.opinion)).toEqual(['unmodified', 'qualified']);
      expect(page.items[0]).not.toHaveProperty('result');
    });

    it('stores at most one snapshot per revision, with its summary and hash', async () => {
      const snapshots = createSnapshotsRepository(store().db, { newId: sequentialIds(), clock: steppingClock() });
      const engagement = await buildEngagement(store().db);
      const input = { engagementId: engagement.id, opinion: 'qualified', result, revision: 3, summary: { criteria: { met: 2 } }, resultHash: 'ab12' };
      expect(await snapshots.createForRevision(input)).toBe(true);
      expect(await snapshots.createForRevision({ ...input, opinion: 'adverse' })).toBe(false);
      expect(await snapshots.createForRevision({ ...input, revision: 4 })).toBe(true);
      const page = await snapshots.list(engagement.id, { limit: 10, offset: 0 });
      expect(page.items.map((s) => [s.revision, s.opinion])).toEqual([
        [4, 'qualified'],
        [3, 'qualified'],
      ]);
      expect(await snapshots.latestSummary(engagement.id)).toEqual({
        id: '00000000-0000-4000-8000-000000000003',
        engagementId: engagement.id,
        takenAt: '2026-03-01T09:00:02.000Z',
        opinion: 'qualified',
        revision: 4,
        summary: { criteria: { met: 2 } },
        resultHash: 'ab12',
      });
      expect(await snapshots.latestSummary('other')).toBeNull();
      await expect(snapshots.createForRevision({ ...input, engagementId: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses a snapshot of an unknown engagement, and goes with its engagement', async () => {
      const snapshots = createSnapshotsRepository(store().db);
      await expect(snapshots.create({ engagementId: 'nope', opinion: 'x', result })).rejects.toBeInstanceOf(NotFoundError);
      const engagement = await buildEngagement(store().db);
      const snapshot = await snapshots.create({ engagementId: engagement.id, opinion: 'unmodified', result });
      await createEngagementsRepository(store().db).remove(engagement.id, 1);
      expect(await snapshots.findById(snapshot.id)).toBeNull();
    });
  });
}
