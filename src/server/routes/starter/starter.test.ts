import { strToU8, zipSync } from 'fflate';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { MAX_WORKSPACE_ZIP_BYTES } from '../../../domain/limits.js';
import { starterControls } from '../../../domain/starter/index.js';
import { VALID_ASSAY, VALID_CONTROL, zipFolder } from '../../../workspace/testing.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { useTestApp } from '../../testing.js';
import { base, seedEngagement } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../../examples/acme');
const ENGAGEMENT = { name: 'FY2026', system: 'Platform', reportType: 'type2', periodStart: '2026-01-01', periodEnd: '2026-06-30', categories: ['confidentiality'] };
const zipHeaders = { 'content-type': 'application/zip' };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: starter and workspace upload API`, () => {
    const t = useTestApp(engine);
    const engagementCount = async () => (await (await t().member('viewer')).request({ method: 'GET', url: `${base(t())}/engagements?archived=include` })).json().total as number;

    it('creates an engagement with the starter controls tailored by the answers', async () => {
      const compliance = await t().member('compliance');
      const answers = { developsSoftware: true };
      const created = await compliance.request({ method: 'POST', url: `${base(t())}/engagements/starter`, payload: { engagement: ENGAGEMENT, answers } });
      expect(created.statusCode).toBe(201);
      const { engagement, controls } = created.json();
      expect(engagement).toMatchObject({ name: 'FY2026', categories: ['security', 'confidentiality'] });
      const expected = starterControls({ cloudProvider: false, personalData: false, hrSystem: false, developsSoftware: true }, ['security', 'confidentiality']);
      expect(controls).toEqual(expected.map((c) => c.id));
      const listed = await compliance.request({ method: 'GET', url: `${base(t())}/engagements/${engagement.id}/controls?limit=1000` });
      expect(listed.json().total).toBe(expected.length);
    });

    it('refuses a bad answer or setting at its JSON path, writing nothing', async () => {
      const admin = await t().member('admin');
      const bad = await admin.request({ method: 'POST', url: `${base(t())}/engagements/starter`, payload: { engagement: { ...ENGAGEMENT, periodStart: null }, answers: { cloudProvider: 'yes' } } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().issues.map((e: { location: string }) => e.location)).toContain('$.answers.cloudProvider');
      const badSettings = await admin.request({ method: 'POST', url: `${base(t())}/engagements/starter`, payload: { engagement: { ...ENGAGEMENT, periodStart: null } } });
      expect(badSettings.statusCode).toBe(422);
      expect(badSettings.json().issues).toEqual([{ location: '$.engagement.periodStart', message: 'a type2 report needs periodStart (the start of the period)' }]);
      expect(await engagementCount()).toBe(0);
    });

    it('adds the starter set to an empty engagement once (409 the second time)', async () => {
      const engagement = await seedEngagement(t());
      const compliance = await t().member('compliance');
      const url = `${base(t())}/engagements/${engagement.id}/starter-controls`;
      const added = await compliance.request({ method: 'POST', url, payload: { answers: {} } });
      expect(added.statusCode).toBe(201);
      expect(added.json().controls.length).toBeGreaterThan(30);
      const again = await compliance.request({ method: 'POST', url, payload: { answers: {} } });
      expect(again.statusCode).toBe(409);
    });

    it('imports an uploaded workspace zip as a new engagement, and never replaces it with another upload', async () => {
      const admin = await t().member('admin');
      const payload = Buffer.from(await zipFolder(ACME));
      const url = `${base(t())}/workspace-import`;
      const imported = await admin.request({ method: 'POST', url, headers: zipHeaders, payload });
      expect(imported.statusCode).toBe(201);
      expect(imported.json()).toMatchObject({ counts: { controls: 48 }, engagement: { organizationId: t().organizationId } });
      const again = await admin.request({ method: 'POST', url, headers: zipHeaders, payload });
      expect(again.statusCode).toBe(409);
      expect(await engagementCount()).toBe(1);
    });

    it('names a bad file in the zip as file:line, and a name that leaves the folder, with nothing written', async () => {
      const admin = await t().member('admin');
      const url = `${base(t())}/workspace-import`;
      const badYaml = zipSync({ 'acme/assay.yaml': strToU8(VALID_ASSAY), 'acme/controls/a.yaml': strToU8(VALID_CONTROL.replace('frequency: event', 'frequency: hourly')) });
      const refused = await admin.request({ method: 'POST', url, headers: zipHeaders, payload: Buffer.from(badYaml) });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().issues[0].location).toBe('acme/controls/a.yaml:4');
      const traversal = zipSync({ 'assay.yaml': strToU8(VALID_ASSAY), '../../etc/cron.d/x': strToU8('x') });
      const escaped = await admin.request({ method: 'POST', url, headers: zipHeaders, payload: Buffer.from(traversal) });
      expect(escaped.statusCode).toBe(422);
      expect(escaped.json().issues).toEqual([{ location: '../../etc/cron.d/x', message: 'climbs out of the folder (..): the zip is refused' }]);
      const json = await admin.request({ method: 'POST', url, payload: { not: 'a zip' } });
      expect(json.statusCode).toBe(422);
      expect(await engagementCount()).toBe(0);
    });

    it('tells the setup page whether the caller may create an organisation', async () => {
      const member = await t().member('admin');
      expect((await member.request({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ mayCreateOrganizations: false });
      await t().services.users.setInstanceAdmin(OPERATOR, member.email as string, true);
      expect((await member.request({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ mayCreateOrganizations: true });
      expect((await t().anonymous.request({ method: 'GET', url: '/api/v1/setup' })).statusCode).toBe(401);
    });

    it('refuses an upload larger than its limit before reading it, and a caller without the right', async () => {
      const admin = await t().member('admin');
      const url = `${base(t())}/workspace-import`;
      const tooLarge = await admin.request({ method: 'POST', url, headers: zipHeaders, payload: Buffer.alloc(MAX_WORKSPACE_ZIP_BYTES + 1) });
      expect(tooLarge.statusCode).toBe(413);
      expect(tooLarge.json().detail).toMatch(/20 MB/);
      const auditor = await t().member('auditor');
      expect((await auditor.request({ method: 'POST', url, headers: zipHeaders, payload: Buffer.from(await zipFolder(ACME)) })).statusCode).toBe(403);
      const outsider = await t().outsider();
      expect((await outsider.request({ method: 'POST', url, headers: zipHeaders, payload: Buffer.from('x') })).statusCode).toBe(404);
    });
  });
}
