import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import {
  buildControl,
  buildEngagement,
  buildOrganization,
  controlFields,
  engagementSettings,
  samplesOf,
  testDependencies,
} from '../../test/support/factories.js';
import { createControlsRepository } from './controls-repository.js';
import { createEngagementsRepository, toDomainEngagement } from './engagements-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: engagements repository`, () => {
    const store = useFreshStore(engine);

    it('stores every setting and reads it back exactly: fractions, dates, JSON lists', async () => {
      const engagements = createEngagementsRepository(store().db, testDependencies());
      const organization = await buildOrganization(store().db);
      const settings = engagementSettings({
        categories: ['security', 'availability', 'confidentiality'],
        // Values a 4-byte float would not keep.
        sampling: { confidence: 0.95, tolerableRate: 0.0333333333333333 },
        pervasiveness: { minSeries: 4, minShare: 0.1 + 0.2 },
        misstatements: [
          { text: 'A significant incident in March is not disclosed', pervasive: false },
          { text: 'The system boundary omits the “data lake” ✓', pervasive: true },
        ],
      });
      const created = await engagements.create({ ...settings, organizationId: organization.id });
      expect(created).toEqual({
        ...settings,
        organizationId: organization.id,
        id: '00000000-0000-4000-8000-000000000001',
        createdAt: '2026-03-01T09:00:00.000Z',
        version: 1,
        revision: 1,
        previousEngagementId: null,
        archivedAt: null,
      });
      expect(await engagements.findById(created.id)).toEqual(created);
      expect(toDomainEngagement(created, organization.name)).toEqual({
        organization: organization.name,
        system: settings.system,
        reportType: 'type2',
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        categories: settings.categories,
        notApplicable: settings.notApplicable,
        sampling: settings.sampling,
        pervasiveness: settings.pervasiveness,
        misstatements: settings.misstatements,
      });
    });

    it('links a re-examination to its previous period, and keeps it standing when that one is deleted', async () => {
      const engagements = createEngagementsRepository(store().db);
      const previous = await buildEngagement(store().db);
      const next = await engagements.create({
        ...engagementSettings({ periodStart: '2026-07-01', periodEnd: '2026-12-31' }),
        organizationId: previous.organizationId,
        previousEngagementId: previous.id,
      });
      expect(next.previousEngagementId).toBe(previous.id);
      expect((await engagements.findById(next.id))?.previousEngagementId).toBe(previous.id);
      expect((await engagements.list(previous.organizationId, { limit: 10, offset: 0 })).items.map((e) => e.previousEngagementId)).toEqual([
        previous.id,
        null,
      ]);
      await expect(
        engagements.create({ ...engagementSettings(), organizationId: previous.organizationId, previousEngagementId: 'missing' }),
      ).rejects.toThrow();

      await engagements.remove(previous.id, previous.version);
      expect(await engagements.findById(next.id)).toMatchObject({ id: next.id, previousEngagementId: null, version: 1 });
    });

    it('keeps a type 1 engagement’s missing period start', async () => {
      const engagement = await buildEngagement(store().db, { reportType: 'type1', periodStart: null, notApplicable: [] });
      expect(await createEngagementsRepository(store().db).findById(engagement.id)).toMatchObject({
        reportType: 'type1',
        periodStart: null,
        notApplicable: [],
      });
    });

    it('refuses an engagement of an unknown organisation', async () => {
      await expect(
        createEngagementsRepository(store().db).create({ ...engagementSettings(), organizationId: 'nope' }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists an organisation’s engagements newest period first, searched and paged', async () => {
      const engagements = createEngagementsRepository(store().db);
      const organization = await buildOrganization(store().db);
      await buildEngagement(store().db); // another organisation's
      for (const [name, periodEnd] of [
        ['FY2024', '2024-12-31'],
        ['FY2026', '2026-12-31'],
        ['FY2025 bridge', '2025-12-31'],
      ] as const) {
        await buildEngagement(store().db, { organizationId: organization.id, name, periodEnd });
      }
      const page = await engagements.list(organization.id, { limit: 2, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.items.map((e) => e.name)).toEqual(['FY2026', 'FY2025 bridge']);
      expect((await engagements.list(organization.id, { limit: 10, offset: 0, search: 'BRIDGE' })).items).toHaveLength(1);
      await buildEngagement(store().db, { organizationId: organization.id, name: 'Readiness', reportType: 'type1', periodStart: null });
      const type1 = await engagements.list(organization.id, { limit: 10, offset: 0, reportType: 'type1' });
      expect(type1.items.map((e) => e.name)).toEqual(['Readiness']);
      expect((await engagements.list(organization.id, { limit: 10, offset: 0, reportType: 'type2' })).total).toBe(3);
    });

    it('bumps the revision with every change the engine reads, and only on success', async () => {
      const db = store().db;
      const engagements = createEngagementsRepository(db);
      const controls = createControlsRepository(db);
      const engagement = await buildEngagement(db);
      const revision = async () => (await engagements.examinationKey(engagement.id))?.revision;
      expect(await engagements.examinationKey(engagement.id)).toEqual({
        organizationId: engagement.organizationId,
        revision: 1,
        organizationVersion: 1,
      });
      expect(await engagements.examinationKey('missing')).toBeNull();

      const control = await controls.create(engagement.id, controlFields({ id: 'AC-01' }));
      expect(await revision()).toBe(2);
      await controls.update(control.rowId, 1, { title: 'New title' });
      expect(await revision()).toBe(3);
      await expect(controls.update(control.rowId, 1, { title: 'stale' })).rejects.toBeInstanceOf(ConflictError);
      expect(await revision()).toBe(3);
      const test = await controls.createTest(control.rowId, { method: 'inspection', populationSize: 10, samples: samplesOf('pp'), scopeLimitation: null });
      expect(await revision()).toBe(4);
      await controls.updateTest(test.rowId, 1, { populationSize: 12 });
      expect(await revision()).toBe(5);
      const added = await controls.addSample(test.rowId, { item: 'X-1', result: 'pass', note: null });
      expect(added.testVersion).toBe(3);
      expect(await revision()).toBe(6);
      await expect(controls.addSample(test.rowId, { item: 'X-1', result: 'fail', note: null })).rejects.toBeInstanceOf(ConflictError);
      expect(await revision()).toBe(6);
      await controls.updateSample(test.rowId, 'X-1', { result: 'fail', note: 'late' });
      expect(await revision()).toBe(7);
      await expect(controls.updateSample(test.rowId, 'X-1', { note: 'stale' }, 1)).rejects.toBeInstanceOf(ConflictError);
      await expect(controls.updateSample(test.rowId, 'nope', { note: 'x' })).rejects.toBeInstanceOf(NotFoundError);
      expect(await revision()).toBe(7);
      await controls.removeTest(test.rowId, 4);
      expect(await revision()).toBe(8);
      await controls.remove(control.rowId, 2);
      expect(await revision()).toBe(9);
      await engagements.update(engagement.id, 1, { name: 'Renamed' });
      expect(await revision()).toBe(10);
      await db.transaction().execute((trx) => controls.replaceExamination(engagement.id, { controls: [], tests: [] }, trx));
      expect(await revision()).toBe(11);
      // Another engagement's changes leave this one alone.
      await buildControl(db);
      expect(await revision()).toBe(11);
    });

    it('updates settings at the expected version; a stale version conflicts and changes nothing', async () => {
      const engagements = createEngagementsRepository(store().db);
      const engagement = await buildEngagement(store().db);
      const updated = await engagements.update(engagement.id, 1, {
        sampling: { confidence: 0.95, tolerableRate: 0.05 },
        misstatements: [{ text: 'x', pervasive: true }],
      });
      expect(updated).toEqual({
        ...engagement,
        sampling: { confidence: 0.95, tolerableRate: 0.05 },
        misstatements: [{ text: 'x', pervasive: true }],
        version: 2,
        revision: 2,
      });
      await expect(engagements.update(engagement.id, 1, { name: 'lost' })).rejects.toBeInstanceOf(ConflictError);
      expect(await engagements.findById(engagement.id)).toEqual(updated);
      await expect(engagements.update('missing', 1, { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('removes an engagement with its controls, at the expected version', async () => {
      const engagements = createEngagementsRepository(store().db);
      const control = await buildControl(store().db);
      await expect(engagements.remove(control.engagementId, 7)).rejects.toBeInstanceOf(ConflictError);
      await engagements.remove(control.engagementId, 1);
      expect(await engagements.findById(control.engagementId)).toBeNull();
      expect(await createControlsRepository(store().db).findById(control.rowId)).toBeNull();
    });
  });
}
