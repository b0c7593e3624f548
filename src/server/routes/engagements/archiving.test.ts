/** Archiving over HTTP: DELETE archives, archived work answers 409 to every change, restore and purge are the admin's. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { emptyDescription } from '../../../domain/index.js';
import { buildRiskInput } from '../../../domain/risks/testing.js';
import { buildVendorInput } from '../../../domain/vendors/testing.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base, seedControl, seedEngagement, seedTest } from '../testing.js';

/** Room for an engagement with nothing in it, not for one with three tested controls. */
const EXPORT_LIMIT = 2000;

const READ_ONLY = /is archived \(since \S+\): it is read-only until an admin restores it$/;

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: archiving API`, () => {
    const t = useTestApp(engine);

    async function seeded() {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-04' });
      await seedTest(t(), engagement.id, 'AC-04');
      const url = `${base(t())}/engagements/${engagement.id}`;
      const [admin, compliance, auditor, viewer] = [await t().member('admin'), await t().member('compliance'), await t().member('auditor'), await t().member('viewer')];
      return { engagement, url, admin, compliance, auditor, viewer };
    }

    it('answers every change of an archived engagement with a 409 saying why, and changes nothing', async () => {
      const { url, compliance, auditor } = await seeded();
      expect((await compliance.request({ method: 'DELETE', url: `${url}?version=1` })).statusCode).toBe(200);
      const attempts = [
        [compliance, { method: 'PATCH', url, payload: { version: 2, name: 'Renamed' } }],
        [compliance, { method: 'POST', url: `${url}/controls`, payload: { id: 'AC-05', title: 'New', criteria: ['CC6.1'], frequency: 'daily', nature: 'manual' } }],
        [compliance, { method: 'PATCH', url: `${url}/controls/AC-04`, payload: { version: 1, title: 'Changed' } }],
        [compliance, { method: 'DELETE', url: `${url}/controls/AC-04?version=1` }],
        [auditor, { method: 'PATCH', url: `${url}/controls/AC-04/test/samples/T-0001`, payload: { result: 'fail', note: 'late' } }],
        [compliance, { method: 'POST', url: `${url}/findings/sync`, payload: {} }],
        [compliance, { method: 'PUT', url: `${url}/remediation/plan`, payload: { version: 0, targetDate: null, webhookUrl: null, dueSoonDays: 14 } }],
      ] as const;
      for (const [caller, request] of attempts) {
        const response = await caller.request(request);
        expect(response.statusCode, `${request.method} ${request.url}: ${response.body}`).toBe(409);
        expect(response.json().detail).toMatch(READ_ONLY);
      }
      expect((await compliance.request({ method: 'GET', url: `${url}/controls/AC-04` })).json()).toMatchObject({ title: expect.not.stringMatching(/Changed/), version: 1 });
      expect(await auditEvents(t(), 'engagement.updated')).toHaveLength(0);
    });

    it('hides archived engagements from the list unless asked, and still reads and exports them', async () => {
      const { engagement, url, compliance, viewer } = await seeded();
      await seedEngagement(t(), { name: 'In use' });
      await compliance.request({ method: 'DELETE', url: `${url}?version=1` });
      const list = async (query: string) => (await viewer.request({ method: 'GET', url: `${base(t())}/engagements${query}` })).json();
      expect((await list('')).items.map((e: { name: string }) => e.name)).toEqual(['In use']);
      expect((await list('?archived=only')).items.map((e: { id: string }) => e.id)).toEqual([engagement.id]);
      expect((await list('?archived=include')).total).toBe(2);
      expect((await viewer.request({ method: 'GET', url: `${base(t())}/engagements?archived=yes` })).statusCode).toBe(400);

      const exported = await viewer.request({ method: 'GET', url: `${url}/export` });
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-disposition']).toBe(`attachment; filename="engagement-${engagement.id}-record.json"`);
      expect(exported.json()).toMatchObject({
        format: 'assay-engagement-record/2',
        engagement: { id: engagement.id, archivedAt: expect.any(String) },
        workspace: { controls: [{ id: 'AC-04' }], tests: [{ control: 'AC-04', samples: expect.any(Array) }] },
        archivedControls: [],
        remediationPlan: { webhookUrl: null },
      });
      expect((await (await t().outsider()).request({ method: 'GET', url: `${url}/export` })).statusCode).toBe(404);
    });

    it('exports and purges the system description, the risks, the vendors with their reports and the evidence records, each part as the contract declares it', async () => {
      const { engagement, url, admin, compliance, viewer } = await seeded();
      const scope = [OPERATOR, t().organizationId, engagement.id] as const;
      await t().services.description.update(...scope, 0, { ...emptyDescription(), services: 'Hosted analytics' });
      const vendor = await t().services.vendors.create(...scope, buildVendorInput());
      const cuecs = [{ text: 'Customers review who has access', control: 'AC-04' }];
      const { report } = await t().services.vendors.recordReport(...scope, vendor.code, { periodStart: '2025-01-01', periodEnd: '2025-12-31', opinion: 'qualified', exceptions: 2, cuecs });
      await t().services.risks.create(...scope, buildRiskInput());
      const file = { content: Readable.from([Buffer.from('user,left\n')]), fileName: 'leavers.csv', mediaType: 'text/csv', controls: ['AC-04'], source: 'upload' } as const;
      const evidence = await t().services.evidence.add(...scope, file);
      const expected = {
        format: 'assay-engagement-record/2',
        workspace: { checkFiles: [] },
        description: [{ version: 1, description: { services: 'Hosted analytics' }, updatedBy: 'operator:cli', updatedAt: expect.any(String) }],
        risks: expect.arrayContaining([expect.objectContaining({ title: 'Leavers keep access', controls: ['AC-04'], version: 1 })]),
        vendors: [{ vendor: { code: vendor.code, name: 'CloudHost', createdAt: vendor.createdAt }, reports: [{ ...report, cuecs }] }],
        evidence: [{ id: evidence.id, sha256: evidence.sha256, fileName: 'leavers.csv', size: 10, controls: ['AC-04'], state: 'current' }],
      };

      const exported = (await viewer.request({ method: 'GET', url: `${url}/export` })).json();
      expect(exported).toMatchObject(expected);
      // The report raised risks of its own (a qualified opinion, exceptions): each is in the register exported.
      expect(exported.risks.filter((r: { raisedBy: { report: string } | null }) => r.raisedBy?.report === report.id)).not.toHaveLength(0);

      await compliance.request({ method: 'DELETE', url: `${url}?version=1` });
      expect((await admin.request({ method: 'POST', url: `${url}/purge`, payload: { version: 2 } })).statusCode).toBe(200);
      const [event] = await auditEvents(t(), 'engagement.purged');
      expect(event!.before).toMatchObject({ ...expected, risks: exported.risks, vendors: exported.vendors, description: exported.description, evidence: exported.evidence });
    });

    it('declares every part of the record in the OpenAPI document', async () => {
      const schemas = (await t().anonymous.request({ method: 'GET', url: '/api/openapi.json' })).json().components.schemas;
      expect(Object.keys(schemas.EngagementRecord.properties)).toEqual([
        'format',
        'engagement',
        'workspace',
        'archivedControls',
        'remediationPlan',
        'description',
        'risks',
        'vendors',
        'evidence',
      ]);
      expect(Object.keys(schemas.RecordedRisk.properties)).not.toContain('assessment');
      expect(schemas.DescriptionVersion.required).toEqual(['description', 'updatedAt', 'updatedBy', 'version']);
    });

    it('restores for an admin only, at the current version', async () => {
      const { url, admin, compliance } = await seeded();
      await compliance.request({ method: 'DELETE', url: `${url}?version=1` });
      expect((await compliance.request({ method: 'POST', url: `${url}/restore`, payload: { version: 2 } })).statusCode).toBe(403);
      expect((await admin.request({ method: 'POST', url: `${url}/restore`, payload: { version: 1 } })).statusCode).toBe(409);
      const restored = await admin.request({ method: 'POST', url: `${url}/restore`, payload: { version: 2 } });
      expect(restored.statusCode).toBe(200);
      expect(restored.json()).toMatchObject({ archivedAt: null, version: 3 });
      expect((await compliance.request({ method: 'PATCH', url, payload: { version: 3, name: 'Back at work' } })).statusCode).toBe(200);
      expect(await auditEvents(t(), 'engagement.restored')).toHaveLength(1);
    });

    it('purges only what is archived, for an admin, after writing the whole record into the audit event', async () => {
      const { engagement, url, admin, compliance } = await seeded();
      expect((await admin.request({ method: 'POST', url: `${url}/purge`, payload: { version: 1 } })).json().detail).toMatch(/is not archived/);
      await compliance.request({ method: 'DELETE', url: `${url}?version=1` });
      expect((await compliance.request({ method: 'POST', url: `${url}/purge`, payload: { version: 2 } })).statusCode).toBe(403);
      const purged = await admin.request({ method: 'POST', url: `${url}/purge`, payload: { version: 2 } });
      expect(purged.statusCode).toBe(200);
      expect(purged.json()).toEqual({ subject: `engagement:${engagement.id}`, recordBytes: expect.any(Number) });
      expect((await admin.request({ method: 'GET', url })).statusCode).toBe(404);
      const [event] = await auditEvents(t(), 'engagement.purged');
      expect(event).toMatchObject({ actor: `user:${admin.email}`, before: { format: 'assay-engagement-record/2', workspace: { controls: [{ id: 'AC-04' }] } }, after: null });
    });

    it('archives, restores and purges a control, for the roles the table names', async () => {
      const { url, admin, compliance } = await seeded();
      const control = `${url}/controls/AC-04`;
      expect((await compliance.request({ method: 'DELETE', url: `${control}?version=1` })).json()).toMatchObject({ archivedAt: expect.any(String), version: 2 });
      expect((await compliance.request({ method: 'GET', url: `${url}/controls?archived=only` })).json()).toMatchObject({ total: 1, items: [{ id: 'AC-04', conclusion: null }] });
      expect((await compliance.request({ method: 'POST', url: `${control}/restore`, payload: { version: 2 } })).statusCode).toBe(403);
      expect((await admin.request({ method: 'POST', url: `${control}/restore`, payload: { version: 2 } })).json()).toMatchObject({ archivedAt: null, version: 3 });
      await compliance.request({ method: 'DELETE', url: `${control}?version=3` });
      expect((await compliance.request({ method: 'POST', url: `${control}/purge`, payload: { version: 4 } })).statusCode).toBe(403);
      expect((await admin.request({ method: 'POST', url: `${control}/purge`, payload: { version: 4 } })).statusCode).toBe(200);
      expect((await admin.request({ method: 'GET', url: control })).statusCode).toBe(404);
      const [event] = await auditEvents(t(), 'control.purged');
      expect(event).toMatchObject({ before: { format: 'assay-control-record/1', control: { id: 'AC-04' }, test: { control: 'AC-04', samples: expect.any(Array) } } });
    });
  });

  describe.skipIf(skipEngine(engine))(`${engine}: the export's size limit`, () => {
    const t = useTestApp(engine, { maxExportRecordBytes: EXPORT_LIMIT });

    it('answers an export larger than the limit with a 413 naming the record, its size and the limit, and gives a smaller one', async () => {
      const viewer = await t().member('viewer');
      const small = await seedEngagement(t(), { name: 'Small' });
      const exported = await viewer.request({ method: 'GET', url: `${base(t())}/engagements/${small.id}/export` });
      expect(exported.statusCode, exported.body).toBe(200);

      const large = await seedEngagement(t(), { name: 'Large' });
      for (const id of ['AC-01', 'AC-02', 'AC-03']) {
        await seedControl(t(), large.id, { id });
        await seedTest(t(), large.id, id);
      }
      const refused = await viewer.request({ method: 'GET', url: `${base(t())}/engagements/${large.id}/export` });
      expect(refused.statusCode).toBe(413);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['content-disposition']).toBeUndefined();
      expect(refused.json()).toMatchObject({
        status: 413,
        detail: expect.stringMatching(new RegExp(`^The record of the engagement "Large" \\((more than )?\\d+ bytes\\) is larger than the ${EXPORT_LIMIT} bytes allowed$`)),
      });
    });
  });
}
