import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { buildUser } from '../../../test/support/factories.js';
import { ConflictError, ForbiddenError, type Role } from '../../domain/index.js';
import { loadWorkspace } from '../../workspace/load.js';
import { OPERATOR, type Actor } from '../platform/actor.js';
import { createServices } from '../index.js';
import { WHOLE_PAGE } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: importing a workspace again`, () => {
    const store = useFreshStore(engine);

    /** Acme imported, with an auditor who has recorded one more result on AC-01. */
    async function examined() {
      const services = createServices(store());
      const acme = await loadWorkspace(ACME);
      const { organization, engagement } = await services.workspace.importWorkspace(OPERATOR, acme, { organizationSlug: 'acme' });
      const member = async (role: Role): Promise<Actor> => {
        const email = `${role}@acme.example`;
        const user = await buildUser(store().db, { email });
        await services.members.add(OPERATOR, organization.id, { email, role });
        return { kind: 'user', userId: user.id, email };
      };
      const auditor = await member('auditor');
      await services.tests.addSample(auditor, organization.id, engagement.id, 'AC-01', { item: 'app:jira', result: 'fail', note: 'Signs in without a second factor' });
      const test = (control: string) => services.tests.get(OPERATOR, organization.id, engagement.id, control);
      const snapshot = async () => ({
        tests: await store().db.selectFrom('control_tests').select(['id', 'control_id', 'version', 'untested']).orderBy('id').execute(),
        samples: await store().db.selectFrom('samples').select(['test_id', 'item', 'result', 'note', 'recorded_by']).orderBy('test_id').orderBy('position').execute(),
        controls: await store().db.selectFrom('controls').select(['id', 'code', 'version']).orderBy('code').execute(),
        engagements: await store().db.selectFrom('engagements').select(['id', 'version', 'revision']).execute(),
        events: (await store().db.selectFrom('audit_events').select('seq').execute()).length,
      });
      return { services, acme, organization, engagement, member, auditor, test, snapshot };
    }

    it('refuses a workspace that would drop the auditor’s result, naming the control and the count, and writes nothing', async () => {
      const { services, acme, snapshot } = await examined();
      const before = await snapshot();
      const error = await services.workspace.importWorkspace(OPERATOR, acme, { organizationSlug: 'acme' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as Error).message).toContain('of 1 control: AC-01: 1 of its 4 recorded results would be dropped or changed (app:jira fail)');
      expect((error as Error).message).toContain('assay import --new-test-versions');
      expect(await snapshot()).toEqual(before);
    });

    it('keeps every test the workspace leaves the same as it is: its row, version, recorders and samples not yet tested', async () => {
      const { services, organization, engagement, test, snapshot } = await examined();
      // A selection not yet tested is the database's alone (the workspace never holds one).
      const ac01 = await test('AC-01');
      await services.tests.put(OPERATOR, organization.id, engagement.id, 'AC-01', { ...ac01, untested: ['app:zoom'] }, ac01.version);
      const exported = await services.workspace.exportWorkspace(OPERATOR, organization.id, engagement.id);
      const before = await snapshot();
      const result = await services.workspace.importWorkspace(OPERATOR, exported, { organizationSlug: 'acme' });
      expect(result.superseded).toEqual([]);
      const after = await snapshot();
      expect(after.tests).toEqual(before.tests);
      expect(after.samples).toEqual(before.samples);
      // Controls keep their rows (and so their history), and the unchanged ones their versions.
      expect(after.controls).toEqual(before.controls);
      expect(await test('AC-01')).toMatchObject({ recordedBy: { 'app:jira': 'auditor' }, untested: ['app:zoom'] });

      // A control the workspace changes is updated in place, at its next version.
      const [first] = exported.controls;
      const renamed = { ...exported, controls: exported.controls.map((c) => (c === first ? { ...c, title: 'Renamed' } : c)) };
      await services.workspace.importWorkspace(OPERATOR, renamed, { organizationSlug: 'acme' });
      const changed = (await snapshot()).controls;
      expect(changed).toEqual(before.controls.map((c) => (c.code === first?.id ? { ...c, version: c.version + 1 } : c)));
    });

    it('keeps each recorder when the workspace only adds to a test', async () => {
      const { services, organization, engagement, test } = await examined();
      const exported = await services.workspace.exportWorkspace(OPERATOR, organization.id, engagement.id);
      const tests = exported.tests.map((t) => (t.control === 'AC-01' ? { ...t, samples: [...t.samples, { item: 'app:slack', result: 'pass' as const, note: null }] } : t));
      const result = await services.workspace.importWorkspace(OPERATOR, { ...exported, tests }, { organizationSlug: 'acme' });
      expect(result.superseded).toEqual([]);
      const ac01 = await test('AC-01');
      expect(ac01.samples.map((s) => s.item)).toEqual(['app:aws-console', 'app:github', 'app:snowflake', 'app:jira', 'app:slack']);
      expect(ac01.recordedBy).toEqual({ 'app:jira': 'auditor' });
    });

    it('with new test versions, keeps the stored test whole in the control’s history and records the workspace’s', async () => {
      const { services, acme, organization, engagement, test } = await examined();
      const retired = await test('AC-01');
      const result = await services.workspace.importWorkspace(OPERATOR, acme, { organizationSlug: 'acme', newTestVersions: true });
      expect(result.superseded).toEqual([{ control: 'AC-01', results: 4, changed: 1 }]);
      const now = await test('AC-01');
      expect(now.samples.map((s) => s.item)).toEqual(['app:aws-console', 'app:github', 'app:snowflake']);
      const history = await services.auditEvents.controlHistory(OPERATOR, organization.id, engagement.id, 'AC-01', { ...WHOLE_PAGE, type: 'test.superseded' });
      expect(history.items).toHaveLength(1);
      const [event] = history.items;
      expect(event?.before).toMatchObject({ samples: retired.samples, recordedBy: { 'app:jira': 'auditor' } });
      expect(event?.after).toMatchObject({ rowId: now.rowId, reason: 'Imported from a workspace that drops or changes 1 recorded result of 4 recorded results' });
    });

    it('lets no one retire the auditor’s results by import who could not retire them by hand', async () => {
      const { services, acme, member, snapshot } = await examined();
      const compliance = await member('compliance');
      const before = await snapshot();
      const refused = services.workspace.importWorkspace(compliance, acme, { organizationSlug: 'acme', newTestVersions: true });
      await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
      await expect(refused).rejects.toThrow(/AC-01: The auditor recorded the results of app:jira/);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses, even with new test versions, a workspace that drops a control or its test holding results', async () => {
      const { services, acme, snapshot } = await examined();
      const before = await snapshot();
      const withoutControl = { ...acme, controls: acme.controls.filter((c) => c.id !== 'AC-01'), tests: acme.tests.filter((t) => t.control !== 'AC-01') };
      const dropped = services.workspace.importWorkspace(OPERATOR, withoutControl, { organizationSlug: 'acme', newTestVersions: true });
      await expect(dropped).rejects.toThrow(/AC-01: 4 of its 4 recorded results would be erased: the workspace no longer lists this control \(archive the control first/);
      const withoutTest = { ...acme, tests: acme.tests.filter((t) => t.control !== 'AC-01') };
      const untested = services.workspace.importWorkspace(OPERATOR, withoutTest, { organizationSlug: 'acme', newTestVersions: true });
      await expect(untested).rejects.toThrow(/AC-01: 4 of its 4 recorded results would be erased: the workspace has no test of this control/);
      expect(await snapshot()).toEqual(before);
    });
  });
}
