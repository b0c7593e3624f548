import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { controlFields, engagementSettings, samplesOf, unique } from '../../../test/support/factories.js';
import { OPERATOR } from '../platform/actor.js';
import { createServices } from '../index.js';
import { createAuditRepository } from '../../store/audit-repository.js';
import { findingsWorld } from '../testing.js';

const test = { method: 'inspection' as const, populationSize: 42, scopeLimitation: null, samples: samplesOf('ppfp') };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: tests service, concurrently`, () => {
    const store = useFreshStore(engine, { poolSize: 8 });

    it('never lets concurrent additions take more samples than the population', async () => {
      const services = createServices(store());
      const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
      const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings());
      const control = await services.controls.create(OPERATOR, organization.id, engagement.id, controlFields({ id: 'AC-04' }));
      await services.tests.put(OPERATOR, organization.id, engagement.id, control.id, { ...test, populationSize: 10, samples: samplesOf('ppppp') });
      const additions = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          services.tests.addSample(OPERATOR, organization.id, engagement.id, 'AC-04', { item: `N-${i}`, result: 'pass', note: null }),
        ),
      );
      const added = additions.filter((a) => a.status === 'fulfilled');
      expect(added).toHaveLength(5);
      for (const refused of additions.filter((a) => a.status === 'rejected')) {
        expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(Error);
        expect(['ValidationError', 'ConflictError']).toContain((refused as PromiseRejectedResult).reason.name);
      }
      const stored = await services.tests.get(OPERATOR, organization.id, engagement.id, 'AC-04');
      expect(stored.samples).toHaveLength(10);
      expect(stored.version).toBe(6);
      const positions = await store().db.selectFrom('samples').select('position').orderBy('position').execute();
      expect(positions.map((p) => p.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: recorded results are evidence`, () => {
    const store = useFreshStore(engine);

    /** AC-04 tested with two deviations, each with its note, as the demo has it: not effective. */
    async function deviatedTest() {
      const services = createServices(store());
      const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
      const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings());
      await services.controls.create(OPERATOR, organization.id, engagement.id, controlFields({ id: 'AC-04' }));
      const ids = [organization.id, engagement.id, 'AC-04'] as const;
      const { test: recorded } = await services.tests.put(OPERATOR, ...ids, { ...test, populationSize: 20, samples: samplesOf('pfpf') });
      const conclusion = async () => (await services.examination.get(OPERATOR, organization.id, engagement.id)).conclusions.get('AC-04');
      const events = async (type: string) =>
        (await createAuditRepository(store().db).list({ limit: 10, offset: 0, organizationId: organization.id, type })).items;
      return { services, ids, recorded, conclusion, events };
    }

    it('refuses to replace recorded results with a new selection, and changes nothing', async () => {
      const { services, ids, recorded, conclusion, events } = await deviatedTest();
      expect(await conclusion()).toBe('not_effective');
      const fivePasses = { ...test, populationSize: 20, samples: samplesOf('ppppp', 'N') };
      for (const change of ['keep', 'replace'] as const) {
        const refused = services.tests.put(OPERATOR, ...ids, fivePasses, recorded.version, { change });
        await expect(refused).rejects.toMatchObject({ name: 'ConflictError' });
        await expect(refused).rejects.toThrow(change === 'keep' ? /4 recorded results \(T-0001 pass, T-0002 fail, T-0003 pass, T-0004 fail\)/ : /holds 4 recorded results \(2 failed\).*new test version/);
      }
      // Changing a result or its note through the whole test is refused too: that is the sample's own record.
      const changed = samplesOf('pfpf').map((s) => (s.item === 'T-0002' ? { ...s, note: 'Fine after all' } : s));
      await expect(services.tests.put(OPERATOR, ...ids, { ...test, populationSize: 20, samples: changed }, recorded.version)).rejects.toThrow(
        /1 recorded result \(T-0002 fail\)/,
      );
      expect(await services.tests.get(OPERATOR, ...ids)).toEqual(recorded);
      expect(await conclusion()).toBe('not_effective');
      expect(await events('test.recorded')).toHaveLength(1);
    });

    it('adds a new selection as samples not yet tested, never counted as tested', async () => {
      const { services, ids, recorded, conclusion } = await deviatedTest();
      const { test: added } = await services.tests.put(
        OPERATOR,
        ...ids,
        { ...test, populationSize: 20, samples: recorded.samples, untested: ['N-1', 'N-2'] },
        recorded.version,
      );
      expect(added).toMatchObject({ samples: recorded.samples, untested: ['N-1', 'N-2'], version: recorded.version + 1 });
      expect(await conclusion()).toBe('not_effective');
      const examined = JSON.parse((await services.examination.get(OPERATOR, ids[0], ids[1])).json.toString('utf8'));
      expect(examined.controls.find((c: { id: string }) => c.id === 'AC-04')).toMatchObject({ sampleSize: 4, deviations: 2 });

      // Recording an untested item's result makes it a sample; it already held its place in the population.
      const passed = await services.tests.addSample(OPERATOR, ...ids, { item: 'N-1', result: 'pass', note: null });
      expect(passed).toMatchObject({ item: 'N-1', result: 'pass' });
      const after = await services.tests.get(OPERATOR, ...ids);
      expect(after.samples.map((s) => s.item)).toEqual(['T-0001', 'T-0002', 'T-0003', 'T-0004', 'N-1']);
      expect(after.untested).toEqual(['N-2']);

      // Untested items take places in the population; one item is never both tested and untested.
      const full = { ...test, populationSize: 6, samples: after.samples, untested: ['N-2', 'N-3'] };
      await expect(services.tests.put(OPERATOR, ...ids, full, after.version)).rejects.toThrow(/7 samples selected \(2 not yet tested\) from a population of only 6/);
      const both = { ...test, populationSize: 20, samples: after.samples, untested: ['N-2', 'N-1', 'N-2'] };
      await expect(services.tests.put(OPERATOR, ...ids, both, after.version)).rejects.toMatchObject({
        issues: [
          { location: '$.untested[1]', message: '"N-1" is a sample with a recorded result already' },
          { location: '$.untested[2]', message: '"N-2" appears twice (first at $.untested[0])' },
        ],
      });
    });

    it('replaces a test without results only when the replacement is confirmed', async () => {
      const { services, ids } = await deviatedTest();
      await services.controls.create(OPERATOR, ids[0], ids[1], controlFields({ id: 'AC-05' }));
      const ac05 = [ids[0], ids[1], 'AC-05'] as const;
      const { test: selected } = await services.tests.put(OPERATOR, ...ac05, { ...test, samples: [], untested: ['A', 'B'] });
      const other = { ...test, samples: [], untested: ['C'] };
      await expect(services.tests.put(OPERATOR, ...ac05, other, selected.version)).rejects.toThrow(/drop 2 samples not yet tested \(A, B\): confirm/);
      const { test: replaced } = await services.tests.put(OPERATOR, ...ac05, other, selected.version, { change: 'replace' });
      expect(replaced).toMatchObject({ samples: [], untested: ['C'] });
    });

    it('starts a new test version with a reason, keeping the old test whole in the history', async () => {
      const { services, ids, recorded, conclusion, events } = await deviatedTest();
      const retest = { ...test, populationSize: 20, samples: [], untested: ['N-1', 'N-2'] };
      await expect(services.tests.put(OPERATOR, ...ids, retest, recorded.version, { change: 'new-version' })).rejects.toMatchObject({
        issues: [{ location: '$.reason', message: expect.stringMatching(/say why a new test version is started/) }],
      });
      const { test: version2 } = await services.tests.put(OPERATOR, ...ids, retest, recorded.version, {
        change: 'new-version',
        reason: 'Control redesigned in May; retesting the period after the change',
      });
      expect(version2).toMatchObject({ samples: [], untested: ['N-1', 'N-2'] });
      // Nothing is tested yet: not tested, never effective on untested samples.
      expect(await conclusion()).toBe('not_tested');
      const [superseded] = await events('test.superseded');
      expect(superseded).toMatchObject({
        actor: 'operator:cli',
        before: { samples: recorded.samples, version: recorded.version },
        after: { untested: ['N-1', 'N-2'], reason: 'Control redesigned in May; retesting the period after the change' },
      });
      expect(JSON.stringify(superseded?.before)).toContain('Deviation found in item 2');
    });

    it('never deletes a test holding recorded results, and deletes one holding none', async () => {
      const { services, ids, recorded, conclusion, events } = await deviatedTest();
      const refused = services.tests.remove(OPERATOR, ...ids, recorded.version);
      await expect(refused).rejects.toMatchObject({ name: 'ConflictError' });
      await expect(refused).rejects.toThrow(/holds 4 recorded results \(2 failed\), which are evidence: it cannot be deleted.*new test version/);
      expect(await services.tests.get(OPERATOR, ...ids)).toEqual(recorded);
      expect(await conclusion()).toBe('not_effective');
      expect(await events('test.removed')).toHaveLength(0);
      // Retired by a new version with its reason, the results stay in the history; the new test, still without results, may go.
      const retest = { ...test, populationSize: 20, samples: [], untested: ['N-1'] };
      const { test: version2 } = await services.tests.put(OPERATOR, ...ids, retest, recorded.version, { change: 'new-version', reason: 'Redesigned' });
      await services.tests.remove(OPERATOR, ...ids, version2.version);
      await expect(services.tests.get(OPERATOR, ...ids)).rejects.toMatchObject({ name: 'NotFoundError' });
      expect(await events('test.removed')).toHaveLength(1);
      expect(await events('test.superseded')).toHaveLength(1);
    });
  });
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: independence of the auditor's recorded results`, () => {
    const store = useFreshStore(engine);

    /** AC-01 tested by the programme (five passes), then the auditor records T-0003 as a deviation and adds N-1. */
    async function auditedTest() {
      const world = await findingsWorld(store());
      const { services, organizationId, engagementId, member } = world;
      const ids = [organizationId, engagementId, 'AC-01'] as const;
      const auditor = await member('auditor');
      await services.tests.updateSample(auditor, ...ids, 'T-0003', { result: 'fail', note: 'No ticket' }, undefined, 'Reperformed: no ticket on file');
      await services.tests.addSample(auditor, ...ids, { item: 'N-1', result: 'pass', note: null });
      return { ...world, ids, auditor };
    }

    it('keeps who recorded each result, by role at the time', async () => {
      const { services, ids, auditor } = await auditedTest();
      const recorded = await services.tests.get(auditor, ...ids);
      expect(recorded.recordedBy).toEqual({ 'T-0001': 'admin', 'T-0002': 'admin', 'T-0003': 'auditor', 'T-0004': 'admin', 'T-0005': 'admin', 'N-1': 'auditor' });
      // Recording the test again, keeping its results, keeps their recorders.
      const { test: again } = await services.tests.put(auditor, ...ids, { ...recorded, untested: ['N-2'] }, recorded.version);
      expect(again.recordedBy).toEqual(recorded.recordedBy);
    });

    it("refuses the organisation's roles any change of the auditor's record, and changes nothing", async () => {
      const { services, ids, member, events } = await auditedTest();
      const before = await services.tests.get(OPERATOR, ...ids);
      const compliance = await member('compliance');
      const attempts = [
        () => services.tests.updateSample(compliance, ...ids, 'T-0003', { result: 'pass', note: null }, undefined, 'The ticket was found'),
        () => services.tests.updateSample(compliance, ...ids, 'T-0003', { note: 'A ticket, late' }),
        () => services.tests.updateSample(compliance, ...ids, 'N-1', { result: 'fail', note: 'x' }, undefined, 'x'),
        () => services.tests.put(compliance, ...ids, { ...before, samples: [], untested: [] }, before.version, { change: 'new-version', reason: 'Start over' }),
      ];
      for (const start of attempts) {
        const attempt = start();
        await expect(attempt).rejects.toMatchObject({ name: 'ForbiddenError' });
        await expect(attempt).rejects.toThrow(/The auditor recorded the results? of (T-0003|N-1).*the compliance role cannot change it.*only the auditor, or an admin giving a reason/);
      }
      for (const role of ['owner', 'viewer'] as const) {
        await expect(services.tests.updateSample(await member(role), ...ids, 'T-0003', { note: 'x' })).rejects.toMatchObject({ name: 'ForbiddenError' });
      }
      expect(await services.tests.get(OPERATOR, ...ids)).toEqual(before);
      // A result the programme recorded stays the programme's to correct, with its reason.
      const corrected = await services.tests.updateSample(compliance, ...ids, 'T-0001', { result: 'fail', note: 'Late' }, undefined, 'Seen late');
      expect(corrected).toMatchObject({ result: 'fail', recordedBy: 'compliance' });
      expect(await events('sample.recorded')).toHaveLength(2);
    });

    it('lets the auditor change its own record, and an admin only with a reason the history keeps', async () => {
      const { services, ids, auditor, member, events } = await auditedTest();
      await expect(services.tests.updateSample(auditor, ...ids, 'N-1', { note: 'Checked again' })).resolves.toMatchObject({ recordedBy: 'auditor' });
      const admin = await member('admin');
      await expect(services.tests.updateSample(admin, ...ids, 'N-1', { note: 'Seen' })).rejects.toMatchObject({
        issues: [{ location: '$.reason', message: "the auditor recorded the result of N-1: say why you change it (the reason goes into the control's history)" }],
      });
      const changed = await services.tests.updateSample(admin, ...ids, 'N-1', { note: 'Seen' }, undefined, 'The auditor asked to record the ticket');
      expect(changed).toMatchObject({ note: 'Seen', recordedBy: 'admin' });
      const [latest] = await events('sample.recorded');
      expect(latest).toMatchObject({ before: { item: 'N-1', recordedBy: 'auditor' }, after: { note: 'Seen', recordedBy: 'admin', reason: 'The auditor asked to record the ticket' } });
    });
  });
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: a sample's result`, () => {
    const store = useFreshStore(engine);

    it('needs a note saying what deviated for a fail, and a reason, kept in the history, to change a recorded result', async () => {
      const services = createServices(store());
      const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
      const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings());
      await services.controls.create(OPERATOR, organization.id, engagement.id, controlFields({ id: 'AC-04' }));
      const ids = [organization.id, engagement.id, 'AC-04'] as const;
      const noNote = { ...test, samples: [{ item: 'T-1', result: 'fail' as const, note: ' ' }] };
      await expect(services.tests.put(OPERATOR, ...ids, noNote)).rejects.toMatchObject({
        issues: [{ location: '$.samples[0].note', message: 'a failed sample needs a note saying what deviated' }],
      });
      await services.tests.put(OPERATOR, ...ids, { ...test, samples: samplesOf('pp'), untested: ['N-1'] });
      await expect(services.tests.addSample(OPERATOR, ...ids, { item: 'N-1', result: 'fail', note: null })).rejects.toMatchObject({
        issues: [{ location: '$.note' }],
      });

      await expect(services.tests.updateSample(OPERATOR, ...ids, 'T-0001', { result: 'fail' })).rejects.toMatchObject({
        issues: [
          { location: '$.note', message: 'a failed sample needs a note saying what deviated' },
          { location: '$.reason', message: "the result of T-0001 was recorded as pass: say why it changes to fail (the reason goes into the control's history)" },
        ],
      });
      await expect(services.tests.updateSample(OPERATOR, ...ids, 'T-0001', { result: 'fail', note: 'Late' }, undefined, '  ')).rejects.toMatchObject({
        issues: [{ location: '$.reason' }],
      });
      const unchanged = await services.tests.get(OPERATOR, ...ids);
      expect(unchanged.samples[0]).toEqual({ item: 'T-0001', result: 'pass', note: null });

      const changed = await services.tests.updateSample(OPERATOR, ...ids, 'T-0001', { result: 'fail', note: 'Access removed 9 days late' }, undefined, 'The ticket was closed before the account was removed');
      expect(changed).toMatchObject({ item: 'T-0001', result: 'fail', note: 'Access removed 9 days late' });
      // A fail keeps its note; a note alone, on a pass, needs no reason.
      await expect(services.tests.updateSample(OPERATOR, ...ids, 'T-0001', { note: null })).rejects.toMatchObject({ issues: [{ location: '$.note' }] });
      await services.tests.updateSample(OPERATOR, ...ids, 'T-0002', { note: 'Checked the ticket' });

      const events = await createAuditRepository(store().db).list({ limit: 10, offset: 0, organizationId: organization.id, type: 'sample.recorded' });
      expect(events.items.map((e) => [e.actor, e.before, e.after])).toEqual([
        ['operator:cli', expect.objectContaining({ item: 'T-0002', note: null }), expect.objectContaining({ item: 'T-0002', note: 'Checked the ticket', reason: null })],
        [
          'operator:cli',
          { control: 'AC-04', item: 'T-0001', result: 'pass', note: null, recordedBy: 'admin' },
          { control: 'AC-04', item: 'T-0001', result: 'fail', note: 'Access removed 9 days late', recordedBy: 'admin', testVersion: 2, reason: 'The ticket was closed before the account was removed' },
        ],
      ]);
    });
  });
}
