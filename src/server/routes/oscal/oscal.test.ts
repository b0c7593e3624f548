import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MAX_OSCAL_DOCUMENT_BYTES } from '../../../domain/limits.js';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { engagementSettings } from '../../../../test/support/factories.js';
import { examine } from '../../../domain/index.js';
import { assessmentResults } from '../../../reports/oscal/assessment-results.js';
import { planOfActionAndMilestones } from '../../../reports/oscal/poam.js';
import { ACME, NIST_AR, NIST_POAM, acmeWithOverride, generatedPoam, readJson, schemaErrors } from '../../../reports/oscal/testing.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { loadFindings } from '../../../workspace/findings.js';
import { loadWorkspace } from '../../../workspace/load.js';
import type { TestApp } from '../../testing.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base } from '../testing.js';

/** examples/acme's controls and tests without its findings, as a new engagement named `name`. */
async function acmeWithoutFindings(t: TestApp, name: string) {
  const examination = await loadWorkspace(ACME);
  const { slug } = await t.store.db.selectFrom('organizations').select('slug').where('id', '=', t.organizationId).executeTakeFirstOrThrow();
  const { engagement } = await t.services.workspace.importWorkspace(OPERATOR, examination, { organizationSlug: slug, engagementName: name });
  return `${base(t)}/engagements/${engagement.id}`;
}

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
      expect(fromAr.json()).toEqual({ created: ['OSCAL-0cfa750e'], rootCauses: [], warnings: [], warningCount: 0 });
      const fromPoam = await auditor.request({ method: 'POST', url: `${url}/findings/import-oscal`, payload: readJson(NIST_POAM) as object });
      expect(fromPoam.statusCode).toBe(201);
      expect(fromPoam.json()).toMatchObject({ created: ['OSCAL-e174dfb9', 'OSCAL-48c8368d'], warnings: [expect.stringMatching(/refers to a risk/)] });

      const listed = (await auditor.request({ method: 'GET', url: `${url}/findings` })).json() as { items: { code: string; status: string }[] };
      expect(listed.items.map((f) => [f.code, f.status])).toEqual(
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
      const empty = await t().services.engagements.create(OPERATOR, t().organizationId, engagementSettings({ name: 'Empty', categories: ['security'], notApplicable: [] }));
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

    it('keeps an override only for a caller with finding.judge, and actions marked done only with finding.remediate', async () => {
      const { examination, findings, rootCauses } = await acmeWithOverride();
      const ar = JSON.parse(JSON.stringify(assessmentResults(examination, examine(examination), findings))) as object;
      const poam = JSON.parse(JSON.stringify(planOfActionAndMilestones({ examination, result: examine(examination), findings, rootCauses }))) as object;
      const compliance = await t().member('compliance');
      const auditor = await t().member('auditor');
      const importAs = async (caller: typeof auditor, document: object, name: string) => {
        const url = await acmeWithoutFindings(t(), name);
        const response = await caller.request({ method: 'POST', url: `${url}/findings/import-oscal`, payload: document });
        expect(response.statusCode).toBe(201);
        const listed = (await caller.request({ method: 'GET', url: `${url}/findings?limit=100` })).json() as {
          items: { code: string; classification: { override: unknown }; correctiveActions: { status: string }[] }[];
        };
        return { warnings: (response.json() as { warnings: string[] }).warnings, findings: listed.items };
      };
      const override = (findings: { code: string; classification: { override: unknown } }[]) => findings.find((f) => f.code === 'F-AC-04')?.classification.override;
      const done = (findings: { correctiveActions: { status: string }[] }[]) => findings.flatMap((f) => f.correctiveActions).filter((a) => a.status === 'done').length;

      // The programme cannot grade its own deficiencies; the auditor can.
      const byCompliance = await importAs(compliance, ar, 'AR by compliance');
      expect(override(byCompliance.findings)).toBeNull();
      expect(byCompliance.warnings).toContain("F-AC-04: the auditor's override (significant deficiency) is not imported: it needs the finding.judge permission.");
      expect(override((await importAs(auditor, ar, 'AR by the auditor')).findings)).toMatchObject({ severity: 'significant_deficiency', by: 'a@firm.example' });

      // The auditor does not complete the organisation's corrective actions; compliance may.
      const byAuditor = await importAs(auditor, poam, 'POA&M by the auditor');
      expect(done(byAuditor.findings)).toBe(0);
      expect(byAuditor.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/marked done (is|are) not imported: completing one needs the finding\.remediate permission\.$/)]));
      expect(done((await importAs(compliance, poam, 'POA&M by compliance')).findings)).toBeGreaterThan(0);
    });

    it('imports a generated 16 MB document: its audit grows with the findings, not with findings × warnings', { timeout: 600_000 }, async () => {
      const url = await acmeWithoutFindings(t(), 'Large import');
      // About 8 000 items, each with two warnings, made to weigh 16 MB.
      const items = 8000;
      const bare = JSON.stringify(generatedPoam(items, 0)).length;
      const body = JSON.stringify(generatedPoam(items, Math.ceil((16 * 1024 * 1024 - bare) / items)));
      expect(body.length).toBeGreaterThanOrEqual(16 * 1024 * 1024);
      const admin = await t().member('admin');
      const started = performance.now();
      const response = await admin.request({ method: 'POST', url: `${url}/findings/import-oscal`, headers: { 'content-type': 'application/json' }, payload: body });
      const seconds = (performance.now() - started) / 1000;
      expect(response.statusCode).toBe(201);
      const outcome = response.json() as { created: string[]; warnings: string[]; warningCount: number };
      expect(outcome.created).toHaveLength(items);
      expect(outcome).toMatchObject({ warningCount: 2 * items });
      expect(outcome.warnings).toHaveLength(100);

      const sizes = await t()
        .store.db.selectFrom('audit_events')
        .select(['type', (eb) => eb.fn.sum<number>(sql`length(coalesce(${eb.ref('before')}, '')) + length(coalesce(${eb.ref('after')}, ''))`).as('bytes'), (eb) => eb.fn.countAll<number>().as('events')])
        .where('type', 'in', ['finding.imported', 'oscal.imported'])
        .groupBy('type')
        .execute();
      const bytes = (type: string) => Number(sizes.find((s) => s.type === type)?.bytes ?? 0);
      const audited = bytes('finding.imported') + bytes('oscal.imported');
      console.info(
        `[oscal import] ${engine}: ${(body.length / 1024 / 1024).toFixed(1)} MB, ${items} findings, ${outcome.warningCount} warnings: ` +
          `${seconds.toFixed(1)} s, ${(audited / 1024 / 1024).toFixed(1)} MB of audit events`,
      );
      // One event per finding, each about the finding's own size, and one for the import with the first 100 warnings:
      // never the warnings copied into each finding's event (that alone would be findings × warnings × ~150 bytes).
      expect(sizes.map((s) => [s.type, Number(s.events)]).sort()).toEqual([['finding.imported', items], ['oscal.imported', 1]]);
      expect(bytes('finding.imported') / items).toBeLessThan(4096);
      expect(bytes('oscal.imported')).toBeLessThan(64 * 1024);
    });

    it('refuses a document above the import’s body limit with 413, naming the limit', async () => {
      const url = await acmeWithoutFindings(t(), 'Too large');
      const admin = await t().member('admin');
      const response = await admin.request({
        method: 'POST',
        url: `${url}/findings/import-oscal`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ padding: 'x'.repeat(MAX_OSCAL_DOCUMENT_BYTES) }),
      });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ status: 413, detail: 'The request body is larger than the 20 MB this route takes' });
      expect(await t().store.db.selectFrom('audit_events').select('seq').where('type', '=', 'oscal.imported').execute()).toEqual([]);
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
