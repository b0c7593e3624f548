import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError, examine } from '../../domain/index.js';
import { planOfActionAndMilestones } from '../../reports/oscal/poam.js';
import { ACME, schemaErrors } from '../../reports/oscal/testing.js';
import { loadFindings } from '../../workspace/findings.js';
import { loadWorkspace } from '../../workspace/load.js';
import { OPERATOR, type Actor } from '../platform/actor.js';
import { createServices } from '../index.js';
import { WHOLE_PAGE } from '../testing.js';

/** Assay's own POA&M of examples/acme, as a client would send it. */
async function acmePoam() {
  const examination = await loadWorkspace(ACME);
  const { findings, rootCauses } = await loadFindings(ACME, examination);
  return { examination, document: JSON.parse(JSON.stringify(planOfActionAndMilestones({ examination, result: examine(examination), findings, rootCauses }))) as unknown };
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: OSCAL service`, () => {
    const store = useFreshStore(engine);

    it("imports Assay's own POA&M into an engagement of the same controls: its findings and root causes, and exports them again", async () => {
      const services = createServices(store());
      const { examination, document } = await acmePoam();
      const { organization, engagement } = await services.workspace.importWorkspace(OPERATOR, examination, { organizationSlug: 'acme' });
      const outcome = await services.oscal.importFindings(OPERATOR, organization.id, engagement.id, document);
      expect(outcome.created).toEqual(['F-AC-04', 'F-AC-06', 'F-MON-01', 'F-OPS-03']);
      expect(outcome.rootCauses).toEqual(['RC-01', 'RC-02']);
      expect(outcome.warnings).toEqual([expect.stringMatching(/^F-AC-06 is closed in the document but imported as ready_for_retest/)]);
      const listed = await services.findings.list(OPERATOR, organization.id, engagement.id, WHOLE_PAGE);
      expect(listed.items.map((f) => [f.code, f.rootCause])).toEqual([
        ['F-AC-04', 'RC-01'],
        ['F-AC-06', 'RC-02'],
        ['F-MON-01', 'RC-01'],
        ['F-OPS-03', null],
      ]);
      const { document: poam, fileName } = await services.oscal.poam(OPERATOR, organization.id, engagement.id);
      expect(fileName).toBe('acme-cloud-inc-soc2-2026-06-30-poam.json');
      expect(schemaErrors(JSON.parse(JSON.stringify(poam)))).toEqual([]);
    });

    it('refuses a root cause of the same code that says something else, and writes nothing', async () => {
      const services = createServices(store());
      const { examination, document } = await acmePoam();
      const workspace = { ...examination, findings: [], rootCauses: [{ id: 'RC-01', title: 'Something else', category: 'people' as const, whys: ['Why? Because.'] }] };
      const { organization, engagement } = await services.workspace.importWorkspace(OPERATOR, workspace, { organizationSlug: 'acme' });
      await expect(services.oscal.importFindings(OPERATOR, organization.id, engagement.id, document)).rejects.toThrow(ConflictError);
      await expect(services.oscal.importFindings(OPERATOR, organization.id, engagement.id, document)).rejects.toThrow(/: root cause RC-01$/);
      expect(await services.findings.list(OPERATOR, organization.id, engagement.id, WHOLE_PAGE)).toEqual({ items: [], total: 0 });
      expect(await store().db.selectFrom('root_causes').select('title').execute()).toEqual([{ title: 'Something else' }]);
    });

    it('lets a viewer download but not import', async () => {
      const services = createServices(store());
      const { examination, document } = await acmePoam();
      const { organization, engagement } = await services.workspace.importWorkspace(OPERATOR, examination, { organizationSlug: 'acme' });
      const viewer = await services.members.add(OPERATOR, organization.id, { email: 'v@acme.example', role: 'viewer', displayName: 'V', password: 'correct horse battery staple' });
      const asViewer: Actor = { kind: 'user', userId: viewer.userId, email: viewer.email };
      await expect(services.oscal.assessmentResults(asViewer, organization.id, engagement.id)).resolves.toMatchObject({ fileName: 'acme-cloud-inc-soc2-2026-06-30-assessment-results.json' });
      await expect(services.oscal.importFindings(asViewer, organization.id, engagement.id, document)).rejects.toBeInstanceOf(ForbiddenError);
    });
  });
}
