import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QueryCounter } from '../../../test/support/query-counter.js';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { controlFields, engagementSettings, generateExamination, unique } from '../../../test/support/factories.js';
import { ARCHIVED_FILTERS, CONTROL_CONCLUSIONS } from '../../domain/index.js';
import { createControlsRepository } from '../../store/controls-repository.js';
import type { Store } from '../../store/database.js';
import { OPERATOR, type Actor } from '../platform/actor.js';
import { createServices } from '../index.js';
import { pageKey } from './controls-service.js';
import { ownsControl } from './engagement-scope.js';

describe('the key of a kept page of controls', () => {
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const request = fc.record({
    engagementId: fc.string(),
    revision: fc.nat(),
    page: fc.record({
      limit: fc.nat(),
      offset: fc.nat(),
      criterion: optional(fc.string()),
      owner: optional(fc.string()),
      search: optional(fc.string()),
      conclusion: optional(fc.constantFrom(...CONTROL_CONCLUSIONS)),
      archived: optional(fc.constantFrom(...ARCHIVED_FILTERS)),
    }),
  });
  const keyOf = (r: { engagementId: string; revision: number; page: Parameters<typeof pageKey>[2] }) => pageKey(r.engagementId, r.revision, r.page);

  it('is the same for the same request and differs for requests that differ in anything', () => {
    fc.assert(
      fc.property(request, request, (a, b) => {
        const same = JSON.stringify([a.engagementId, a.revision, a.page]) === JSON.stringify([b.engagementId, b.revision, b.page]);
        expect(keyOf(a) === keyOf(b)).toBe(same);
        expect(keyOf(a)).toBe(keyOf(structuredClone(a)));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart requests that differ in one part only, even with separators inside the texts', () => {
    const base = { engagementId: 'e:1\u0000x', revision: 3, page: { limit: 50, offset: 0 } };
    const variants = [
      { ...base, engagementId: 'e:1' },
      { ...base, revision: 4 },
      { ...base, page: { limit: 5, offset: 0 } },
      { ...base, page: { limit: 50, offset: 1 } },
      { ...base, page: { ...base.page, search: '' } },
      { ...base, page: { ...base.page, owner: '' } },
      { ...base, page: { ...base.page, search: 'a\u0000b' } },
    ];
    expect(new Set([base, ...variants].map(keyOf)).size).toBe(variants.length + 1);
  });
});

async function seed(store: Store, controls: number) {
  const services = createServices(store);
  const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
  const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings());
  const generated = generateExamination({ ...engagementSettings(), organization: 'Acme' }, controls, 3);
  await store.db.transaction().execute((trx) => createControlsRepository(store.db).replaceExamination(engagement.id, generated, trx));
  return { organizationId: organization.id, engagementId: engagement.id };
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: controls service`, () => {
    const store = useFreshStore(engine);

    it('lists a page of controls with their conclusions in the same few queries whatever the number of controls', async () => {
      const counts: number[] = [];
      for (const size of [20, 400]) {
        const { organizationId, engagementId } = await seed(store(), size);
        const counter = new QueryCounter();
        const services = createServices({ ...store(), db: store().db.withPlugin(counter) });
        await services.examination.get(OPERATOR, organizationId, engagementId);
        counter.count = 0;
        const page = await services.controls.list(OPERATOR, organizationId, engagementId, { limit: 1000, offset: 0 });
        expect(page.total).toBe(size);
        expect(page.items.every((c) => c.conclusion !== null)).toBe(true);
        counts.push(counter.count);
        counter.count = 0;
        const filtered = await services.controls.list(OPERATOR, organizationId, engagementId, {
          limit: 1000,
          offset: 0,
          conclusion: 'design_deficiency',
        });
        expect(filtered.items.map((c) => c.id)).toEqual(page.items.filter((c) => c.conclusion === 'design_deficiency').map((c) => c.id));
        counts.push(counter.count);
      }
      // The engagement's key, the page, its total.
      expect(counts).toEqual([3, 3, 3, 3]);
    });

    it('reads a page once for the requests of one state that come while it is read', async () => {
      const { organizationId, engagementId } = await seed(store(), 20);
      const counter = new QueryCounter();
      const services = createServices({ ...store(), db: store().db.withPlugin(counter) });
      await services.examination.get(OPERATOR, organizationId, engagementId);
      counter.count = 0;
      const pages = await Promise.all(Array.from({ length: 6 }, () => services.controls.list(OPERATOR, organizationId, engagementId, { limit: 50, offset: 0 })));
      // Each request's key, and one page with its total.
      expect(counter.count).toBe(6 + 2);
      expect(pages.every((page) => page === pages[0])).toBe(true);
      expect(pages[0]?.total).toBe(20);
    });

    it('filters a large engagement by conclusion: more controls of one conclusion than either engine takes parameters', { timeout: 300_000 }, async () => {
      // PostgreSQL binds at most 65 535 parameters a statement, SQLite 32 766: one per control would break both.
      const size = 66_000;
      const services = createServices(store());
      const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
      const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings({ reportType: 'type1', periodStart: null }));
      const controls = Array.from({ length: size }, (_, i) => controlFields({ id: `C-${String(i + 1).padStart(5, '0')}`, criteria: ['CC6.1'], design: i === 0 ? 'deficient' : 'effective' }));
      await store().db.transaction().execute((trx) => createControlsRepository(store().db).replaceExamination(engagement.id, { controls, tests: [] }, trx));

      const effective = await services.controls.list(OPERATOR, organization.id, engagement.id, { limit: 2, offset: 1, conclusion: 'effective' });
      expect(effective).toMatchObject({ total: size - 1, items: [{ id: 'C-00003', conclusion: 'effective' }, { id: 'C-00004' }] });
      const deficient = await services.controls.list(OPERATOR, organization.id, engagement.id, { limit: 10, offset: 0, conclusion: 'design_deficiency' });
      expect(deficient).toMatchObject({ total: 1, items: [{ id: 'C-00001' }] });
    });
  });

  describe.skipIf(skipEngine(engine))(`${engine}: controls service, concurrently`, () => {
    const store = useFreshStore(engine, { poolSize: 8 });

    it('never leaves a compensation pointing at an archived control', async () => {
      const services = createServices(store());
      const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
      for (let round = 0; round < 8; round++) {
        const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings());
        await services.controls.create(OPERATOR, organization.id, engagement.id, controlFields({ id: 'AC-01' }));
        await services.controls.create(OPERATOR, organization.id, engagement.id, controlFields({ id: 'AC-02' }));
        const [linked, archived] = await Promise.allSettled([
          services.controls.update(OPERATOR, organization.id, engagement.id, 'AC-02', 1, { compensates: ['AC-01'] }),
          services.archive.archiveControl(OPERATOR, organization.id, engagement.id, 'AC-01', 1),
        ]);
        expect([linked.status, archived.status].sort(), `round ${round}`).toEqual(['fulfilled', 'rejected']);
      }
    });

    it('never lists a control older than a change its reader saw acknowledged, while readers share pages', async () => {
      const { organizationId, engagementId } = await seed(store(), 6);
      const services = createServices(store());
      // Each client changes a control of its own, then lists: the page must show its change, or a later state.
      const client = async (n: number) => {
        const id = `C-000${n + 1}`;
        let version = (await services.controls.get(OPERATOR, organizationId, engagementId, id)).version;
        for (let round = 0; round < 4; round++) {
          version = (await services.controls.update(OPERATOR, organizationId, engagementId, id, version, { title: `Title ${n}.${round}` })).version;
          const [page] = await Promise.all([0, 1].map(() => services.controls.list(OPERATOR, organizationId, engagementId, { limit: 50, offset: 0 })));
          expect(page?.items.find((c) => c.id === id)).toMatchObject({ title: `Title ${n}.${round}`, version });
        }
      };
      await Promise.all(Array.from({ length: 6 }, (_, n) => client(n)));
    });
  });
}

describe('ownsControl', () => {
  const user: Actor = { kind: 'user', userId: 'u', email: 'it-ops@acme.example' };
  it('is the signed-in person whose email is the owner, ignoring case and spaces', () => {
    expect(ownsControl(user, { owner: 'IT-Ops@Acme.example ' })).toBe(true);
    expect(ownsControl(user, { owner: 'sec@acme.example' })).toBe(false);
    expect(ownsControl(user, { owner: null })).toBe(false);
  });
  it('is the creator of an API token, never the token by its name, nor the operator', () => {
    const token: Actor = { kind: 'token', tokenId: 't', organizationId: 'o', role: 'owner', name: 'ci', userId: 'u', email: 'it-ops@acme.example', creatorRole: 'owner' };
    expect(ownsControl(token, { owner: 'it-ops@acme.example' })).toBe(true);
    expect(ownsControl(token, { owner: 'ci' })).toBe(false);
    expect(ownsControl(OPERATOR, { owner: 'operator:cli' })).toBe(false);
  });
});
