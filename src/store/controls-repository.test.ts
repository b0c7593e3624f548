import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildControl, buildEngagement, buildTest, controlFields, samplesOf } from '../../test/support/factories.js';
import { createControlsRepository } from './controls-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: controls repository`, () => {
    const store = useFreshStore(engine);

    it('creates a control and reads back the domain shape with its row id and version', async () => {
      const controls = createControlsRepository(store().db);
      const engagement = await buildEngagement(store().db);
      const fields = controlFields({
        id: 'AC-04',
        criteria: ['CC6.2', 'CC6.3'],
        key: false,
        design: 'deficient',
        compensates: ['AC-01', 'AC-02'],
        owner: null,
      });
      const created = await controls.create(engagement.id, fields);
      expect(created).toEqual({ ...fields, rowId: expect.any(String), engagementId: engagement.id, version: 1, archivedAt: null });
      expect(created.key).toBe(false);
      expect(await controls.findById(created.rowId)).toEqual(created);
      expect(await controls.findByCode(engagement.id, 'AC-04')).toEqual(created);
      expect(await controls.findByCode(engagement.id, 'AC-05')).toBeNull();
    });

    it('refuses a duplicate control id in one engagement, but not in another', async () => {
      const controls = createControlsRepository(store().db);
      const first = await buildControl(store().db, { id: 'AC-04' });
      await expect(controls.create(first.engagementId, controlFields({ id: 'AC-04' }))).rejects.toBeInstanceOf(ConflictError);
      await expect(buildControl(store().db, { id: 'AC-04' })).resolves.toMatchObject({ id: 'AC-04' });
      await expect(controls.create('no-engagement', controlFields())).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists in creation order and filters by criterion, owner and text, with totals and pages', async () => {
      const controls = createControlsRepository(store().db);
      const { id: engagementId } = await buildEngagement(store().db);
      const spec = [
        { id: 'AC-01', title: 'Access is reviewed quarterly', criteria: ['CC6.1'], owner: 'it@acme.example' },
        { id: 'AC-02', title: 'MFA for all administrators', criteria: ['CC6.1', 'CC6.10'], owner: 'sec@acme.example' },
        { id: 'CM-01', title: 'Changes are approved', criteria: ['CC8.1'], owner: null },
        { id: 'AC-10', title: 'Terminations deprovision access', criteria: ['CC6.10'], owner: 'it@acme.example' },
        { id: 'X_1', title: '100% of backups are tested', criteria: ['A1.2'], owner: 'it@acme.example' },
      ];
      for (const s of spec) await controls.create(engagementId, controlFields(s));
      await buildControl(store().db, { criteria: ['CC6.1'] }); // another engagement's

      const codes = async (filters: Parameters<typeof controls.list>[1]) =>
        (await controls.list(engagementId, filters)).items.map((c) => c.id);
      const page = { limit: 50, offset: 0 };
      expect(await codes(page)).toEqual(['AC-01', 'AC-02', 'CM-01', 'AC-10', 'X_1']);
      // CC6.1 is not CC6.10.
      expect(await codes({ ...page, criterion: 'CC6.1' })).toEqual(['AC-01', 'AC-02']);
      expect(await codes({ ...page, criterion: 'CC6.10' })).toEqual(['AC-02', 'AC-10']);
      expect(await codes({ ...page, owner: 'it@acme.example' })).toEqual(['AC-01', 'AC-10', 'X_1']);
      expect(await codes({ ...page, owner: null })).toEqual(['CM-01']);
      expect(await codes({ ...page, search: 'ac-0' })).toEqual(['AC-01', 'AC-02']);
      expect(await codes({ ...page, search: 'ACCESS' })).toEqual(['AC-01', 'AC-10']);
      expect(await codes({ ...page, search: '_' })).toEqual(['X_1']);
      expect(await codes({ ...page, search: '%' })).toEqual(['X_1']);
      expect(await codes({ ...page, criterion: 'CC6.1', owner: 'it@acme.example', search: 'review' })).toEqual(['AC-01']);

      const second = await controls.list(engagementId, { limit: 2, offset: 2, owner: 'it@acme.example' });
      expect(second.total).toBe(3);
      expect(second.items.map((c) => c.id)).toEqual(['X_1']);
    });

    it('lists only the given ids, and the controls that compensate one', async () => {
      const controls = createControlsRepository(store().db);
      const { id: engagementId } = await buildEngagement(store().db);
      await controls.create(engagementId, controlFields({ id: 'AC-01' }));
      await controls.create(engagementId, controlFields({ id: 'AC-1', compensates: ['AC-01'] }));
      await controls.create(engagementId, controlFields({ id: 'AC-10', compensates: ['AC-1', 'AC-01'] }));
      const page = { limit: 50, offset: 0 };
      const codes = async (filters: Parameters<typeof controls.list>[1]) =>
        (await controls.list(engagementId, filters)).items.map((c) => c.id);
      expect(await codes({ ...page, codes: ['AC-10', 'AC-01', 'nope'] })).toEqual(['AC-01', 'AC-10']);
      expect(await controls.list(engagementId, { ...page, codes: [] })).toEqual({ items: [], total: 0 });
      expect(await codes({ ...page, compensating: 'AC-01' })).toEqual(['AC-1', 'AC-10']);
      // AC-1 is not AC-10 or AC-01.
      expect(await codes({ ...page, compensating: 'AC-1' })).toEqual(['AC-10']);
      expect(await codes({ ...page, compensating: 'AC-10' })).toEqual([]);
    });

    it('updates at the expected version and bumps it; a stale version conflicts and changes nothing', async () => {
      const controls = createControlsRepository(store().db);
      const control = await buildControl(store().db, { criteria: ['CC6.1'], key: true });
      const updated = await controls.update(control.rowId, 1, { key: false, criteria: ['CC6.1', 'CC6.2'], owner: null });
      expect(updated).toEqual({ ...control, key: false, criteria: ['CC6.1', 'CC6.2'], owner: null, version: 2 });

      await expect(controls.update(control.rowId, 1, { title: 'Lost update' })).rejects.toBeInstanceOf(ConflictError);
      expect(await controls.findById(control.rowId)).toEqual(updated);
      await expect(controls.update('missing', 1, { title: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses to rename a control to an id the engagement already has', async () => {
      const controls = createControlsRepository(store().db);
      const first = await buildControl(store().db, { id: 'AC-01' });
      const second = await controls.create(first.engagementId, controlFields({ id: 'AC-02' }));
      await expect(controls.update(second.rowId, 1, { id: 'AC-01' })).rejects.toBeInstanceOf(ConflictError);
      expect(await controls.findById(second.rowId)).toEqual(second);
    });

    it('records a control’s test with its samples in order, one test per control', async () => {
      const controls = createControlsRepository(store().db);
      const control = await buildControl(store().db, { id: 'AC-04' });
      expect(await controls.findTest(control.rowId)).toBeNull();
      const samples = samplesOf('pfpp');
      const test = await controls.createTest(control.rowId, {
        method: 'reperformance',
        populationSize: null,
        samples,
        scopeLimitation: null,
      });
      expect(test).toEqual({
        control: 'AC-04',
        method: 'reperformance',
        populationSize: null,
        samples,
        scopeLimitation: null,
        rowId: expect.any(String),
        controlRowId: control.rowId,
        version: 1,
        untested: [],
        recordedBy: {},
      });
      expect(await controls.findTest(control.rowId)).toEqual(test);
      expect(await controls.findTestById(test.rowId)).toEqual(test);
      // Items selected but not yet tested are kept in order beside the samples, and never become samples by themselves.
      const selected = await controls.updateTest(test.rowId, 1, { untested: ['N-2', 'N-1'] });
      expect(selected).toMatchObject({ samples, untested: ['N-2', 'N-1'], version: 2 });
      await controls.addSample(test.rowId, { item: 'N-1', result: 'fail', note: 'Late' });
      expect(await controls.findTest(control.rowId)).toMatchObject({ samples: [...samples, { item: 'N-1', result: 'fail', note: 'Late' }], untested: ['N-2'], version: 3 });
      await expect(
        controls.createTest(control.rowId, { method: 'inquiry', populationSize: 1, samples: [], scopeLimitation: null }),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('refuses a test with one sample item twice, writing nothing', async () => {
      const controls = createControlsRepository(store().db);
      const control = await buildControl(store().db);
      const samples = [...samplesOf('pp'), { item: 'T-0001', result: 'fail' as const, note: null }];
      await expect(
        controls.createTest(control.rowId, { method: 'inspection', populationSize: 3, samples, scopeLimitation: null }),
      ).rejects.toBeInstanceOf(ValidationError);
      expect(await controls.findTest(control.rowId)).toBeNull();
    });

    it('updates a test and replaces its samples at the expected version; a stale version changes nothing', async () => {
      const controls = createControlsRepository(store().db);
      const test = await buildTest(store().db, { samples: samplesOf('ppp'), populationSize: 40 });
      const updated = await controls.updateTest(test.rowId, 1, {
        samples: samplesOf('pfppf', 'U'),
        scopeLimitation: 'Population could not be produced',
      });
      expect(updated).toEqual({
        ...test,
        samples: samplesOf('pfppf', 'U'),
        scopeLimitation: 'Population could not be produced',
        version: 2,
      });
      await expect(controls.updateTest(test.rowId, 1, { samples: [] })).rejects.toBeInstanceOf(ConflictError);
      expect(await controls.findTestById(test.rowId)).toEqual(updated);
      await expect(controls.updateTest('missing', 1, { method: 'inquiry' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('pages through a test’s samples and filters the deviations', async () => {
      const controls = createControlsRepository(store().db);
      const test = await buildTest(store().db, { samples: samplesOf('ppfpfpppf') });
      const page = await controls.listSamples(test.rowId, { limit: 3, offset: 3 });
      expect(page).toEqual({ total: 9, items: samplesOf('ppfpfpppf').slice(3, 6) });
      const deviations = await controls.listSamples(test.rowId, { limit: 10, offset: 0, result: 'fail' });
      expect(deviations.items.map((s) => s.item)).toEqual(['T-0003', 'T-0005', 'T-0009']);
      expect(deviations.total).toBe(3);
    });

    it('removes a test, and a control with its test and samples, at the expected version', async () => {
      const controls = createControlsRepository(store().db);
      const test = await buildTest(store().db);
      await expect(controls.removeTest(test.rowId, 2)).rejects.toBeInstanceOf(ConflictError);
      await controls.removeTest(test.rowId, 1);
      expect(await controls.findTest(test.controlRowId)).toBeNull();

      const again = await buildTest(store().db);
      await expect(controls.remove(again.controlRowId, 9)).rejects.toBeInstanceOf(ConflictError);
      await controls.remove(again.controlRowId, 1);
      expect(await controls.findById(again.controlRowId)).toBeNull();
      const orphans = await store().db.selectFrom('samples').select('id').where('test_id', '=', again.rowId).execute();
      expect(orphans).toEqual([]);
    });
  });
}
