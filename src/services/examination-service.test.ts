import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { engagementSettings, generateExamination, unique } from '../../test/support/factories.js';
import { examine, type ExaminationResult } from '../domain/index.js';
import { createControlsRepository } from '../store/controls-repository.js';
import type { Store } from '../store/database.js';
import { createEngagementsRepository } from '../store/engagements-repository.js';
import { createMembershipsRepository } from '../store/memberships-repository.js';
import { createSnapshotsRepository } from '../store/snapshots-repository.js';
import { createAccess } from './access.js';
import { OPERATOR } from './actor.js';
import { createExaminationService, summarize } from './examination-service.js';
import { createServices } from './index.js';

/** Counts the statements run through a Kysely instance (BEGIN and COMMIT are not counted). */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

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
      expect(JSON.parse(first.body.toString('utf8'))).toEqual(await freshResult(store(), engagementId));

      counter.count = 0;
      const second = await services.examination.get(OPERATOR, organizationId, engagementId);
      expect(counter.count).toBe(1);
      expect(second).toBe(first);

      await services.tests.addSample(OPERATOR, organizationId, engagementId, 'C-0002', { item: 'NEW', result: 'fail', note: null });
      const third = await services.examination.get(OPERATOR, organizationId, engagementId);
      expect(third.etag).not.toBe(first.etag);
      expect(third.revision).toBeGreaterThan(first.revision);
      expect(JSON.parse(third.body.toString('utf8'))).toEqual(await freshResult(store(), engagementId));
    });

    it('stays right with several server processes on one database, each with its own cache', async () => {
      const { organizationId, engagementId } = await seed(store());
      const one = createServices(store());
      const two = createServices(store());
      const before = await one.examination.get(OPERATOR, organizationId, engagementId);
      expect((await two.examination.get(OPERATOR, organizationId, engagementId)).etag).toBe(before.etag);
      // A change through the second process…
      await two.controls.update(OPERATOR, organizationId, engagementId, 'C-0003', 1, { design: 'deficient' });
      // …is seen by the first, whose cache still holds the old result.
      const after = await one.examination.get(OPERATOR, organizationId, engagementId);
      expect(after.etag).not.toBe(before.etag);
      expect(JSON.parse(after.body.toString('utf8'))).toEqual(await freshResult(store(), engagementId));
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
      expect(new Set(results.map((r) => r.etag)).size).toBe(1);
      // Another process evaluating the same revision does not add a second snapshot.
      await createServices(store()).examination.get(OPERATOR, organizationId, engagementId);
      expect((await createSnapshotsRepository(store().db).list(engagementId, { limit: 10, offset: 0 })).total).toBe(1);
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

    it('refuses an engagement of another organisation as not found', async () => {
      const a = await seed(store(), 1);
      const b = await seed(store(), 1);
      const services = createServices(store());
      await expect(services.examination.get(OPERATOR, a.organizationId, b.engagementId)).rejects.toThrow(/not found/);
      await expect(services.examination.current(a.organizationId, b.engagementId)).rejects.toThrow(/not found/);
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
