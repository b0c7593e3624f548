import { describe, expect, it } from 'vitest';
import { QueryCounter } from '../../../test/support/query-counter.js';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { engagementSettings, generateExamination, unique } from '../../../test/support/factories.js';
import { DAY_MS, comparePeriods, examine, rankFixes, type ExaminationResult } from '../../domain/index.js';
import { buildExamination } from '../../domain/testing/builders.js';
import { createControlsRepository } from '../../store/controls-repository.js';
import type { Store } from '../../store/database.js';
import { createEngagementsRepository } from '../../store/engagements-repository.js';
import { createMembershipsRepository } from '../../store/memberships-repository.js';
import { createSnapshotsRepository, type SnapshotSummary } from '../../store/snapshots-repository.js';
import { createAccess } from '../platform/access.js';
import { OPERATOR } from '../platform/actor.js';
import { createExaminationService, summarize } from './examination-service.js';
import { createServices, defaultServiceDependencies } from '../index.js';


/** An organisation with one engagement of `controls` generated controls, made through the services. */
async function seed(store: Store, controls = 12) {
  const services = createServices(store);
  const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme Cloud, Inc.' });
  const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings());
  const generated = generateExamination(
    { ...engagementSettings(), organization: organization.name, categories: ['security', 'availability'] },
    controls,
    5,
  );
  await store.db.transaction().execute((trx) => createControlsRepository(store.db).replaceExamination(engagement.id, generated, trx));
  return { organizationId: organization.id, engagementId: engagement.id };
}

async function freshResult(store: Store, engagementId: string): Promise<ExaminationResult> {
  return JSON.parse(JSON.stringify(examine(await createControlsRepository(store.db).loadExamination(engagementId))));
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: examination service`, () => {
    const store = useFreshStore(engine);

    it('serves a cached result with one query, and evaluates again only after a change', async () => {
      const { organizationId, engagementId } = await seed(store());
      const counter = new QueryCounter();
      const services = createServices({ ...store(), db: store().db.withPlugin(counter) });
      const first = await services.examination.get(OPERATOR, organizationId, engagementId);
      expect(JSON.parse(first.json.toString('utf8'))).toEqual(await freshResult(store(), engagementId));

      counter.count = 0;
      const second = await services.examination.get(OPERATOR, organizationId, engagementId);
      expect(counter.count).toBe(1);
      expect(second).toBe(first);

      await services.tests.addSample(OPERATOR, organizationId, engagementId, 'C-0002', { item: 'NEW', result: 'fail', note: 'Late' });
      const third = await services.examination.get(OPERATOR, organizationId, engagementId);
      expect(third.resultHash).not.toBe(first.resultHash);
      expect(third.revision).toBeGreaterThan(first.revision);
      expect(JSON.parse(third.json.toString('utf8'))).toEqual(await freshResult(store(), engagementId));
    });

    it('takes the key the request read with its caller instead of reading it again, and only for its engagement and organisation', async () => {
      const { organizationId, engagementId } = await seed(store());
      const counter = new QueryCounter();
      const services = createServices({ ...store(), db: store().db.withPlugin(counter) });
      const first = await services.examination.get(OPERATOR, organizationId, engagementId);
      const key = await createEngagementsRepository(store().db).examinationKey(engagementId);
      expect(key).not.toBeNull();

      counter.count = 0;
      expect(await services.examination.get(OPERATOR, organizationId, engagementId, { engagementId, key })).toBe(first);
      expect(counter.count).toBe(0);
      // A reading of another engagement is not this one's: the key is read.
      expect(await services.examination.get(OPERATOR, organizationId, engagementId, { engagementId: 'another', key })).toBe(first);
      expect(counter.count).toBe(1);
      // No such engagement, or one of another organisation: not found, as when the key is read here.
      await expect(services.examination.get(OPERATOR, organizationId, engagementId, { engagementId, key: null })).rejects.toThrow(/Engagement/);
      const foreign = { engagementId, key: { ...key!, organizationId: 'another-organisation' } };
      await expect(services.examination.get(OPERATOR, organizationId, engagementId, foreign)).rejects.toThrow(/Engagement/);
      // A newer key than the cached result's: evaluated again.
      await services.tests.addSample(OPERATOR, organizationId, engagementId, 'C-0002', { item: 'NEW', result: 'fail', note: 'Late' });
      const newer = await createEngagementsRepository(store().db).examinationKey(engagementId);
      const after = await services.examination.get(OPERATOR, organizationId, engagementId, { engagementId, key: newer });
      expect(after.revision).toBe(newer!.revision);
      expect(JSON.parse(after.json.toString('utf8'))).toEqual(await freshResult(store(), engagementId));
    });

    it('stays right with several server processes on one database, each with its own cache', async () => {
      const { organizationId, engagementId } = await seed(store());
      const one = createServices(store());
      const two = createServices(store());
      const before = await one.examination.get(OPERATOR, organizationId, engagementId);
      expect((await two.examination.get(OPERATOR, organizationId, engagementId)).resultHash).toBe(before.resultHash);
      // A change through the second process…
      await two.controls.update(OPERATOR, organizationId, engagementId, 'C-0003', 1, { design: 'deficient' });
      // …is seen by the first, whose cache still holds the old result.
      const after = await one.examination.get(OPERATOR, organizationId, engagementId);
      expect(after.resultHash).not.toBe(before.resultHash);
      expect(JSON.parse(after.json.toString('utf8'))).toEqual(await freshResult(store(), engagementId));
      expect(after.conclusions.get('C-0003')).toBe('design_deficiency');
    });

    it('examines a new state once however many requests ask for it at the same time, and keeps one snapshot', async () => {
      const { organizationId, engagementId } = await seed(store());
      const controls = createControlsRepository(store().db);
      let loads = 0;
      const examination = createExaminationService({
        engagements: createEngagementsRepository(store().db),
        controls: { loadKeyedExamination: (id) => ((loads += 1), controls.loadKeyedExamination(id)) },
        snapshots: createSnapshotsRepository(store().db),
        access: createAccess({ memberships: createMembershipsRepository(store().db) }),
      });
      const results = await Promise.all(Array.from({ length: 8 }, () => examination.get(OPERATOR, organizationId, engagementId)));
      expect(loads).toBe(1);
      expect(new Set(results.map((r) => r.resultHash)).size).toBe(1);
      // Another process evaluating the same revision does not add a second snapshot.
      await createServices(store()).examination.get(OPERATOR, organizationId, engagementId);
      expect((await createSnapshotsRepository(store().db).list(engagementId, { limit: 10, offset: 0 })).total).toBe(1);
    });

    it('serves requests for states newer than the examination under way from the next one, shared by all who wait', async () => {
      const { organizationId, engagementId } = await seed(store());
      const services = createServices(store());
      const controls = createControlsRepository(store().db);
      let loads = 0;
      let firstLoaded!: () => void;
      const loaded = new Promise<void>((resolve) => (firstLoaded = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const examination = createExaminationService({
        engagements: createEngagementsRepository(store().db),
        controls: {
          loadKeyedExamination: async (id) => {
            loads += 1;
            const state = await controls.loadKeyedExamination(id);
            if (loads === 1) {
              firstLoaded();
              await gate;
            }
            return state;
          },
        },
        snapshots: createSnapshotsRepository(store().db),
        access: createAccess({ memberships: createMembershipsRepository(store().db) }),
      });
      const get = () => examination.get(OPERATOR, organizationId, engagementId);
      const early = get();
      await loaded;
      // Writes acknowledged while the first examination is under way (its state read before them), each followed
      // by requests that have seen it.
      const late = [];
      for (const item of ['NEW-1', 'NEW-2']) {
        await services.tests.addSample(OPERATOR, organizationId, engagementId, 'C-0002', { item, result: 'fail', note: 'Late' });
        late.push(get(), get());
      }
      const written = (await createEngagementsRepository(store().db).examinationKey(engagementId))!.revision;
      release();
      expect((await early).revision).toBeLessThan(written);
      const after = await Promise.all(late);
      for (const evaluation of after) {
        expect(evaluation.revision).toBe(written);
        expect(evaluation).toBe(after[0]);
      }
      expect(JSON.parse(after[0]!.json.toString('utf8'))).toEqual(await freshResult(store(), engagementId));
      // One examination at a time: the first, then one for every request that came during it.
      expect(loads).toBe(2);
    });

    it('never answers a reader with a result older than a write it saw acknowledged, under concurrent writes', async () => {
      const { organizationId, engagementId } = await seed(store(), 6);
      const services = createServices(store());
      const engagements = createEngagementsRepository(store().db);
      const items = (await services.tests.get(OPERATOR, organizationId, engagementId, 'C-0001')).samples.map((sample) => sample.item);
      const client = async (n: number) => {
        for (let round = 0; round < 4; round++) {
          await services.tests.updateSample(OPERATOR, organizationId, engagementId, 'C-0001', items[n % items.length]!, { note: `Note ${n}.${round}` });
          // The state this client knows to be acknowledged: its write's, or a later one.
          const acknowledged = (await engagements.examinationKey(engagementId))!.revision;
          const seen = await services.examination.get(OPERATOR, organizationId, engagementId);
          expect(seen.revision).toBeGreaterThanOrEqual(acknowledged);
        }
      };
      await Promise.all(Array.from({ length: 6 }, (_, n) => client(n)));
      const last = await services.examination.get(OPERATOR, organizationId, engagementId);
      expect(last.revision).toBe((await engagements.examinationKey(engagementId))!.revision);
      expect(JSON.parse(last.json.toString('utf8'))).toEqual(await freshResult(store(), engagementId));
    });

    it('forgets the least recently used engagement beyond its size', async () => {
      const a = await seed(store(), 3);
      const b = await seed(store(), 3);
      const controls = createControlsRepository(store().db);
      const loaded: string[] = [];
      const examination = createExaminationService({
        engagements: createEngagementsRepository(store().db),
        controls: { loadKeyedExamination: (id) => (loaded.push(id), controls.loadKeyedExamination(id)) },
        snapshots: createSnapshotsRepository(store().db),
        access: createAccess({ memberships: createMembershipsRepository(store().db) }),
        cacheSize: 1,
      });
      const get = (x: typeof a) => examination.get(OPERATOR, x.organizationId, x.engagementId);
      await get(a);
      await get(a);
      await get(b);
      await get(a);
      await get(a);
      expect(loaded).toEqual([a.engagementId, b.engagementId, a.engagementId]);
    });

    it('names the criteria and controls that changed since the newest result a week older, or since the oldest', async () => {
      const { organizationId, engagementId } = await seed(store());
      // The snapshots are dated by the clock the services are given: days pass between the changes.
      const start = Date.parse('2026-03-01T09:00:00.000Z');
      let now = start;
      const day = (n: number) => (now = start + n * DAY_MS);
      const services = createServices(store(), { ...defaultServiceDependencies, clock: () => new Date(now) });
      const changes = (sinceDays?: number) => services.examination.changes(OPERATOR, organizationId, engagementId, { sinceDays });
      const onlyChanged = (before: ExaminationResult, after: ExaminationResult) => {
        const all = comparePeriods(before, after);
        return { ...all, criteria: all.criteria.filter((c) => c.change !== 'same'), controls: all.controls.filter((c) => c.change !== 'same') };
      };

      // The first request keeps the first result: nothing older to compare with.
      const first = await changes();
      const day0 = await freshResult(store(), engagementId);
      expect(first).toEqual({
        latest: { takenAt: '2026-03-01T09:00:00.000Z', revision: expect.any(Number), opinion: day0.opinion.overall, ...summarize(day0) },
        baseline: null,
        fullPeriod: false,
        comparison: null,
      });

      day(1);
      await services.controls.update(OPERATOR, organizationId, engagementId, 'C-0004', 1, { design: 'deficient' });
      const young = await changes();
      const day1 = await freshResult(store(), engagementId);
      // No result is a week old yet: the oldest is the baseline.
      expect(young.baseline?.takenAt).toBe('2026-03-01T09:00:00.000Z');
      expect(young.latest.takenAt).toBe('2026-03-02T09:00:00.000Z');
      expect(young.fullPeriod).toBe(false);
      expect(young.comparison).toEqual(onlyChanged(day0, day1));
      expect(young.comparison?.controls).toEqual([{ id: 'C-0004', before: 'effective', after: 'design_deficiency', change: 'worse' }]);
      expect(young.comparison?.criteria).toEqual([{ id: 'CC4.1', before: 'met', after: 'not_met', change: 'worse' }]);

      day(8);
      await services.controls.update(OPERATOR, organizationId, engagementId, 'C-0005', 1, { design: 'deficient' });
      const week = await changes();
      const day8 = await freshResult(store(), engagementId);
      // The newest result at least seven days older is day 1's: C-0004's change is older than the week.
      expect(week).toMatchObject({
        fullPeriod: true,
        latest: { takenAt: '2026-03-09T09:00:00.000Z' },
        baseline: { takenAt: '2026-03-02T09:00:00.000Z' },
      });
      expect(week.comparison).toEqual(onlyChanged(day1, day8));
      expect(week.comparison?.controls.map((c) => c.id)).toEqual(['C-0005']);
      expect(week.comparison?.criteria.map((c) => c.id)).toEqual(['CC5.2']);
      expect(week.baseline).toMatchObject({ opinion: day1.opinion.overall, ...summarize(day1) });
      // Eight days back reaches the first result, and both changes.
      const longer = await changes(8);
      expect(longer).toMatchObject({ fullPeriod: true, baseline: { takenAt: '2026-03-01T09:00:00.000Z' } });
      expect(longer.comparison).toEqual(onlyChanged(day0, day8));
      expect(longer.comparison?.controls.map((c) => c.id)).toEqual(['C-0004', 'C-0005']);
      // Asking again keeps no new snapshot and gives the same answer.
      expect(await changes()).toEqual(week);
      expect((await createSnapshotsRepository(store().db).list(engagementId, { limit: 10, offset: 0 })).total).toBe(3);
    });

    it('refuses a number of days out of range, naming it, and an engagement of another organisation', async () => {
      const a = await seed(store(), 1);
      const b = await seed(store(), 1);
      const services = createServices(store());
      for (const sinceDays of [0, 367, 1.5]) {
        const refused = services.examination.changes(OPERATOR, a.organizationId, a.engagementId, { sinceDays });
        await expect(refused).rejects.toMatchObject({ name: 'ValidationError', issues: [{ location: '$.sinceDays' }] });
      }
      expect((await createSnapshotsRepository(store().db).list(a.engagementId, { limit: 10, offset: 0 })).total).toBe(0);
      await expect(services.examination.changes(OPERATOR, a.organizationId, b.engagementId)).rejects.toThrow(/not found/);
      const yearBack = services.examination.changes(OPERATOR, a.organizationId, a.engagementId, { sinceDays: 366 });
      await expect(yearBack).resolves.toMatchObject({ baseline: null });
    });

    it('ranks what to fix first as the engine does, once per state, and again after a change', async () => {
      const { organizationId, engagementId } = await seed(store());
      const services = createServices(store());
      await services.controls.update(OPERATOR, organizationId, engagementId, 'C-0003', 1, { design: 'deficient' });
      const loadExamination = () => createControlsRepository(store().db).loadExamination(engagementId);

      const first = await services.examination.whatIf(OPERATOR, organizationId, engagementId);
      expect(first).toEqual(rankFixes(await loadExamination()));
      expect(first.fixes.find((f) => f.control === 'C-0003')).toMatchObject({ conclusion: 'design_deficiency', severity: 'material_weakness' });

      const counter = new QueryCounter();
      const counted = createServices({ ...store(), db: store().db.withPlugin(counter) });
      await counted.examination.whatIf(OPERATOR, organizationId, engagementId);
      counter.count = 0;
      expect(await counted.examination.whatIf(OPERATOR, organizationId, engagementId)).toEqual(first);
      // The key only (and the actor's access, none for the operator): the ranking is kept for the state.
      expect(counter.count).toBe(1);

      await counted.controls.update(OPERATOR, organizationId, engagementId, 'C-0005', 1, { design: 'deficient' });
      const after = await counted.examination.whatIf(OPERATOR, organizationId, engagementId);
      expect(after).toEqual(rankFixes(await loadExamination()));
      expect(after.fixes.map((f) => f.control)).toEqual(expect.arrayContaining(['C-0003', 'C-0005']));
    });

    it('refuses an engagement of another organisation as not found', async () => {
      const a = await seed(store(), 1);
      const b = await seed(store(), 1);
      const services = createServices(store());
      await expect(services.examination.get(OPERATOR, a.organizationId, b.engagementId)).rejects.toThrow(/not found/);
      await expect(services.examination.current(a.organizationId, b.engagementId)).rejects.toThrow(/not found/);
      await expect(services.examination.whatIf(OPERATOR, a.organizationId, b.engagementId)).rejects.toThrow(/not found/);
    });
  });
}

describe('summarize', () => {
  it('counts criteria per status and deficiencies per severity, every key present', () => {
    expect(
      summarize({
        criteria: [{ status: 'met' }, { status: 'not_met' }, { status: 'met' }] as ExaminationResult['criteria'],
        deficiencies: [{ severity: 'material_weakness' }] as ExaminationResult['deficiencies'],
      }),
    ).toEqual({
      criteria: { met: 2, met_with_exceptions: 0, unable_to_conclude: 0, not_met: 1, not_applicable: 0 },
      deficiencies: { deficiency: 0, significant_deficiency: 0, material_weakness: 1 },
    });
  });
});

describe('changes over a long history', () => {
  it('reads the history a page at a time only as far as the baseline, and finds it beyond the first page', async () => {
    // 2,500 snapshots an hour apart, newest first; the one a week before the latest is the 169th.
    const latest = Date.parse('2026-03-01T00:00:00.000Z');
    const result = examine(buildExamination());
    const kept: SnapshotSummary[] = Array.from({ length: 2500 }, (_, i) => ({
      id: `s${i}`,
      engagementId: 'e1',
      takenAt: new Date(latest - i * 3600 * 1000).toISOString(),
      opinion: result.opinion.overall,
      revision: 2500 - i,
      summary: summarize(result),
      resultHash: null,
    }));
    const pages: number[] = [];
    const examination = createExaminationService({
      engagements: { examinationKey: async () => ({ organizationId: 'o1', revision: 2500, organizationVersion: 1 }) },
      controls: {
        loadKeyedExamination: async () => ({ examination: buildExamination(), key: { organizationId: 'o1', revision: 2500, organizationVersion: 1 }, evidence: [] }),
      },
      snapshots: {
        createForRevision: async () => false,
        latestSummary: async () => null,
        list: async <S>(_: string, page: { limit: number; offset: number }) => {
          pages.push(page.offset);
          return { items: kept.slice(page.offset, page.offset + page.limit) as SnapshotSummary<S>[], total: kept.length };
        },
        findById: async <R, S>(id: string) => ({ ...(kept.find((s) => s.id === id) as SnapshotSummary<S>), result: result as R }),
      },
      access: { grantIn: async () => 'admin', require: async () => 'admin' },
    });
    const week = await examination.changes(OPERATOR, 'o1', 'e1');
    expect(week).toMatchObject({ fullPeriod: true, baseline: { takenAt: kept[168]?.takenAt } });
    expect(pages).toEqual([0]);
    pages.length = 0;
    // 110 days back is further than the 2,500 hours kept (about 104 days): the oldest, on the third page.
    const longer = await examination.changes(OPERATOR, 'o1', 'e1', { sinceDays: 110 });
    expect(longer).toMatchObject({ fullPeriod: false, baseline: { takenAt: kept[2499]?.takenAt } });
    expect(pages).toEqual([0, 1000, 2000]);
    pages.length = 0;
    const sixtyDays = await examination.changes(OPERATOR, 'o1', 'e1', { sinceDays: 60 });
    expect(sixtyDays).toMatchObject({ fullPeriod: true, baseline: { takenAt: kept[1440]?.takenAt } });
    expect(pages).toEqual([0, 1000]);
  });
});
