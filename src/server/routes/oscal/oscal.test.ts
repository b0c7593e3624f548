import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { examine } from '../../../domain/index.js';
import { assessmentResults } from '../../../reports/oscal/assessment-results.js';
import { planOfActionAndMilestones } from '../../../reports/oscal/poam.js';
import { ACME, NIST_AR, NIST_POAM, readJson, schemaErrors } from '../../../reports/oscal/testing.js';
import { OPERATOR } from '../../../services/actor.js';
import { loadFindings } from '../../../workspace/findings.js';
import { loadWorkspace } from '../../../workspace/load.js';
import type { TestApp } from '../../testing.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base } from '../testing.js';

/** examples/acme with its findings, imported into the test app's organisation. */
async function importAcme(t: TestApp) {
  const examination = await loadWorkspace(ACME);
  const workspace = { ...examination, ...(await loadFindings(ACME, examination)) };
  const { slug } = await t.store.db.selectFrom('organizations').select('slug').where('id', '=', t.organizationId).executeTakeFirstOrThrow();
  const { engagement } = await t.services.workspace.importWorkspace(OPERATOR, workspace, { organizationSlug: slug });
  return { workspace, url: `${base(t)}/engagements/${engagement.id}` };
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: OSCAL API`, () => {
    const t = useTestApp(engine);

    it('serves the assessment results and the POA&M the CLI makes from the same workspace, valid OSCAL 1.1.3, as downloads', async () => {
      const { workspace, url } = await importAcme(t());
      const viewer = await t().member('viewer');
      const result = examine(workspace);

      const ar = await viewer.request({ method: 'GET', url: `${url}/oscal/assessment-results` });
      expect(ar.statusCode).toBe(200);
      expect(ar.headers['content-type']).toMatch(/^application\/json/);
      expect(ar.headers['content-disposition']).toBe('attachment; filename="acme-cloud-inc-soc2-2026-06-30-assessment-results.json"');
      expect(ar.json()).toEqual(JSON.parse(JSON.stringify(assessmentResults(workspace, result, workspace.findings))));
      expect(schemaErrors(ar.json())).toEqual([]);

      const poam = await viewer.request({ method: 'GET', url: `${url}/oscal/poam` });
      expect(poam.statusCode).toBe(200);
      expect(poam.headers['content-disposition']).toBe('attachment; filename="acme-cloud-inc-soc2-2026-06-30-poam.json"');
      expect(poam.json()).toEqual(JSON.parse(JSON.stringify(planOfActionAndMilestones({ examination: workspace, result, findings: workspace.findings, rootCauses: workspace.rootCauses }))));
      expect(schemaErrors(poam.json())).toEqual([]);
      const items = (poam.json() as { 'plan-of-action-and-milestones': { 'poam-items': { title: string }[] } })['plan-of-action-and-milestones']['poam-items'];
      expect(items.map((i) => i.title)).toContain('Departing personnel kept their access for up to eight business days');
    });

    it("imports NIST's example assessment results and POA&M as findings, audited, and refuses the same codes again", async () => {
      const { url } = await importAcme(t());
      const auditor = await t().member('auditor');
      const fromAr = await auditor.request({ method: 'POST', url: `${url}/findings/import-oscal`, payload: readJson(NIST_AR) as object });
      expect(fromAr.statusCode).toBe(201);
      expect(fromAr.json()).toEqual({ created: ['OSCAL-0cfa750e'], rootCauses: [], warnings: [] });
      const fromPoam = await auditor.request({ method: 'POST', url: `${url}/findings/import-oscal`, payload: readJson(NIST_POAM) as object });
      expect(fromPoam.statusCode).toBe(201);
      expect(fromPoam.json()).toMatchObject({ created: ['OSCAL-e174dfb9', 'OSCAL-48c8368d'], warnings: [expect.stringMatching(/refers to a risk/)] });

      const listed = (await auditor.request({ method: 'GET', url: `${url}/findings` })).json() as { items: { id: string; status: string }[] };
      expect(listed.items.map((f) => [f.id, f.status])).toEqual(
        expect.arrayContaining([
          ['OSCAL-0cfa750e', 'analysing'],
          // Imported as accepted, but NIST's acceptance expired on 2024-01-01: it reads as open again.
          ['OSCAL-e174dfb9', 'open'],
          ['OSCAL-48c8368d', 'open'],
        ]),
      );
      const events = await auditEvents(t(), 'finding.imported');
      expect(events).toHaveLength(3);
      expect(events[0]).toMatchObject({ actor: `user:${auditor.email}` });

      const again = await auditor.request({ method: 'POST', url: `${url}/findings/import-oscal`, payload: readJson(NIST_POAM) as object });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe('Already in the engagement, so nothing was imported: finding OSCAL-e174dfb9, finding OSCAL-48c8368d');
      expect(await auditEvents(t(), 'finding.imported')).toHaveLength(3);
    });

    it('refuses what is not OSCAL with 422 naming the JSON paths, and findings the engagement cannot hold, writing nothing', async () => {
      const { url } = await importAcme(t());
      const compliance = await t().member('compliance');
      const post = (payload: unknown) =>
        compliance.request({ method: 'POST', url: `${url}/findings/import-oscal`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

      const notOscal = await post({ hello: 'world' });
      expect(notOscal.statusCode).toBe(422);
      expect(notOscal.json().issues).toEqual([{ location: '$', message: expect.stringMatching(/^not an OSCAL assessment-results or plan-of-action-and-milestones document/) }]);
      expect((await post([1, 2])).statusCode).toBe(422);

      const broken = readJson(NIST_POAM) as { 'plan-of-action-and-milestones': { 'poam-items': Record<string, unknown>[] } };
      broken['plan-of-action-and-milestones']['poam-items'][0]!.uuid = 'not-a-uuid';
      const refused = await post(broken);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().issues).toEqual([{ location: '$.plan-of-action-and-milestones.poam-items[0].uuid', message: expect.stringMatching(/^must be a valid UUID/) }]);

      // Assay's own POA&M names AC-04 and its root causes; an engagement without the control cannot hold it.
      const examination = await loadWorkspace(ACME);
      const { findings, rootCauses } = await loadFindings(ACME, examination);
      const poam = planOfActionAndMilestones({ examination, result: examine(examination), findings, rootCauses });
      const empty = await t().services.engagements.create(OPERATOR, t().organizationId, {
        name: 'Empty',
        system: 'Acme Analytics Platform',
        reportType: 'type2',
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        categories: ['security'],
        notApplicable: [],
        sampling: { confidence: 0.9, tolerableRate: 0.1 },
        pervasiveness: { minSeries: 3, minShare: 0.25 },
        misstatements: [],
      });
      const misfit = await compliance.request({ method: 'POST', url: `${base(t())}/engagements/${empty.id}/findings/import-oscal`, payload: JSON.parse(JSON.stringify(poam)) as object });
      expect(misfit.statusCode).toBe(422);
      expect(misfit.json().issues).toEqual(expect.arrayContaining([{ location: 'finding F-AC-04', message: 'unknown control "AC-04" in this engagement' }]));

      expect(await t().store.db.selectFrom('findings').select('code').where('engagement_id', '=', empty.id).execute()).toEqual([]);
      expect(await t().store.db.selectFrom('root_causes').select('code').where('engagement_id', '=', empty.id).execute()).toEqual([]);
      expect(await auditEvents(t(), 'finding.imported')).toEqual([]);
    });

    it('documents the three operations in the OpenAPI document, none of them public', async () => {
      const doc = (await t().anonymous.request({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
      const engagement = '/api/v1/organizations/{organizationId}/engagements/{engagementId}';
      for (const [path, method] of [
        [`${engagement}/oscal/assessment-results`, 'get'],
        [`${engagement}/oscal/poam`, 'get'],
        [`${engagement}/findings/import-oscal`, 'post'],
      ] as const) {
        const operation = doc.paths[path]?.[method];
        expect(operation, `${method} ${path}`).toBeDefined();
        expect(operation?.security).not.toEqual([]);
      }
    });

    it('takes a document larger than the API’s usual 1 MB body limit', async () => {
      const { url } = await importAcme(t());
      const large = readJson(NIST_AR) as { 'assessment-results': { metadata: Record<string, unknown> } };
      large['assessment-results'].metadata.remarks = 'x'.repeat(1_500_000);
      const admin = await t().member('admin');
      const response = await admin.request({ method: 'POST', url: `${url}/findings/import-oscal`, payload: large });
      expect(response.statusCode).toBe(201);
    });
  });
}
