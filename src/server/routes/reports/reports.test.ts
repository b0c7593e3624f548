import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { examine } from '../../../domain/index.js';
import { renderOtherInformationDocument } from '../../../reports/other-information.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { loadFindings } from '../../../workspace/findings.js';
import { loadWorkspace } from '../../../workspace/load.js';
import type { TestApp } from '../../testing.js';
import { useTestApp } from '../../testing.js';
import { base } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../../examples/acme');

/** examples/acme with its findings and responses (F-AC-06 approved, F-AC-04 a draft), imported into the test app's organisation. */
async function importAcme(t: TestApp) {
  const examination = await loadWorkspace(ACME);
  const workspace = { ...examination, ...(await loadFindings(ACME, examination)) };
  const { slug } = await t.store.db.selectFrom('organizations').select('slug').where('id', '=', t.organizationId).executeTakeFirstOrThrow();
  const { engagement } = await t.services.workspace.importWorkspace(OPERATOR, workspace, { organizationSlug: slug });
  return { workspace, engagement, url: `${base(t)}/engagements/${engagement.id}/reports/other-information` };
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: reports API`, () => {
    const t = useTestApp(engine);

    it("serves the other-information section as a Markdown download, the same as the workspace's, to any member", async () => {
      const { workspace, url } = await importAcme(t());
      const { name } = await t().store.db.selectFrom('organizations').select('name').where('id', '=', t().organizationId).executeTakeFirstOrThrow();
      const viewer = await t().member('viewer');
      const response = await viewer.request({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+-soc2-2026-06-30-other-information\.md"$/);
      const header = { ...examine(workspace), organization: name };
      expect(response.body).toBe(renderOtherInformationDocument(header, { findings: workspace.findings, responses: workspace.managementResponses }));
      expect(response.body).toContain('### F-AC-06: The Q1 access review left out AWS production and Snowflake');
      expect(response.body).not.toContain('### F-AC-04');
      expect(response.body).toContain('_One response is a draft awaiting approval, not included: F-AC-04._');
    });

    it('says which responses the section gives and which it leaves out, and follows an approval made in the app', async () => {
      const { engagement, url } = await importAcme(t());
      const viewer = await t().member('viewer');
      const summary = await viewer.request({ method: 'GET', url: `${url}/summary` });
      expect(summary.statusCode).toBe(200);
      expect(summary.json()).toEqual({ approved: ['F-AC-06'], drafts: ['F-AC-04'], fileName: expect.stringMatching(/-other-information\.md$/) });

      // The draft was last edited by compliance@acme.example: the admin approves it (four eyes).
      const admin = await t().member('admin');
      const draft = await t().services.managementResponses.get(OPERATOR, t().organizationId, engagement.id, 'F-AC-04');
      const approved = await admin.request({
        method: 'POST',
        url: `${base(t())}/engagements/${engagement.id}/findings/F-AC-04/management-response/approve`,
        payload: { version: draft?.version },
      });
      expect(approved.statusCode).toBe(200);
      expect((await viewer.request({ method: 'GET', url: `${url}/summary` })).json()).toMatchObject({ approved: ['F-AC-04', 'F-AC-06'], drafts: [] });
      const text = (await viewer.request({ method: 'GET', url })).body;
      expect(text.indexOf('### F-AC-04')).toBeGreaterThan(0);
      expect(text.indexOf('### F-AC-04')).toBeLessThan(text.indexOf('### F-AC-06'));
      expect(text).not.toMatch(/draft/);
    });

    it('says so when no response is approved, refuses an anonymous caller and hides another tenant', async () => {
      const examination = await loadWorkspace(ACME);
      const { slug } = await t().store.db.selectFrom('organizations').select('slug').where('id', '=', t().organizationId).executeTakeFirstOrThrow();
      const { engagement } = await t().services.workspace.importWorkspace(OPERATOR, examination, { organizationSlug: slug });
      const url = `${base(t())}/engagements/${engagement.id}/reports/other-information`;
      const auditor = await t().member('auditor');
      const empty = await auditor.request({ method: 'GET', url });
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('No management response has been approved yet.');
      expect((await auditor.request({ method: 'GET', url: `${url}/summary` })).json()).toMatchObject({ approved: [], drafts: [] });

      expect((await t().anonymous.request({ method: 'GET', url })).statusCode).toBe(401);
      const elsewhere = `/api/v1/organizations/${t().organizationId}/engagements/00000000-0000-4000-8000-000000000000/reports/other-information`;
      expect((await auditor.request({ method: 'GET', url: elsewhere })).statusCode).toBe(404);
    });

    it('documents both operations in the OpenAPI document, the download as text/markdown', async () => {
      const doc = (await t().anonymous.request({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> }>>;
      };
      const path = '/api/v1/organizations/{organizationId}/engagements/{engagementId}/reports/other-information';
      expect(Object.keys(doc.paths[path]?.get?.responses['200']?.content ?? {})).toEqual(['text/markdown']);
      expect(doc.paths[path]?.get?.security).not.toEqual([]);
      expect(doc.paths[`${path}/summary`]?.get).toBeDefined();
    });
  });
}
