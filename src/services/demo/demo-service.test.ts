import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError } from '../../domain/index.js';
import { loadWorkspaceContent } from '../../workspace/content.js';
import { loadWorkspace } from '../../workspace/load.js';
import { OPERATOR } from '../platform/actor.js';
import { createServices } from '../index.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');
const PEOPLE = [{ email: 'admin@acme.example', role: 'admin', displayName: 'Ada' }] as const;

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: demo service`, () => {
    const store = useFreshStore(engine);

    it('seeds an empty database and seeds it again, but refuses one that holds anything else, writing nothing', async () => {
      const examination = await loadWorkspace(ACME);
      const seed = { organizationSlug: 'acme', examination, people: PEOPLE, password: 'the published password' };

      const theirs = createServices(store());
      const other = await theirs.organizations.create(OPERATOR, { slug: 'real-company', name: 'Real Company' });
      const events = await theirs.auditEvents.list(OPERATOR, other.id, { limit: 10, offset: 0 });
      await expect(theirs.demo.seed(OPERATOR, seed)).rejects.toThrow(ConflictError);
      await expect(theirs.demo.seed(OPERATOR, seed)).rejects.toThrow(/holds data that is not the demo's/);
      expect(await theirs.users.hasUsers(OPERATOR)).toBe(false);
      expect(await store().db.selectFrom('organizations').select('slug').execute()).toEqual([{ slug: 'real-company' }]);
      expect(await store().db.selectFrom('instance_settings').selectAll().execute()).toEqual([]);
      expect(await theirs.auditEvents.list(OPERATOR, other.id, { limit: 10, offset: 0 })).toEqual(events);
    });

    it('seeds an empty database once, marks it as the demo, and leaves it as it is the next time', async () => {
      const examination = await loadWorkspace(ACME);
      const seed = { organizationSlug: 'acme', examination, people: PEOPLE, password: 'the published password' };
      const services = createServices(store());
      expect(await services.demo.seed(OPERATOR, seed)).toMatchObject({ imported: true, organization: { slug: 'acme' } });
      expect(await services.demo.seed(OPERATOR, seed)).toMatchObject({ imported: false, people: [{ added: false }] });
    });

    it('records the demo’s system description: AWS carved out with its CSOCs, CUECs, and nothing to warn of', async () => {
      const examination = await loadWorkspaceContent(ACME);
      const services = createServices(store());
      const seeded = await services.demo.seed(OPERATOR, { organizationSlug: 'acme', examination, people: PEOPLE, password: 'the published password' });
      const engagement = (await services.engagements.list(OPERATOR, seeded.organization.id, { limit: 1, offset: 0 })).items[0];
      const view = await services.description.get(OPERATOR, seeded.organization.id, engagement?.id ?? '');
      expect(view).toMatchObject({ recorded: true, version: 1, warnings: [], opinion: 'unmodified' });
      expect(view.description.subserviceOrganizations).toEqual([
        expect.objectContaining({ name: 'Amazon Web Services', method: 'carve_out', csocs: expect.arrayContaining([expect.objectContaining({ criteria: ['CC6.4'] })]) }),
      ]);
      expect(view.description.userEntityControls.length).toBeGreaterThanOrEqual(3);
    });

    it('adds the risk register and the vendors when it imports, once', async () => {
      const seed = { organizationSlug: 'acme', examination: await loadWorkspaceContent(ACME), people: PEOPLE, password: 'the published password' };
      const services = createServices(store());
      const { organization } = await services.demo.seed(OPERATOR, seed);
      await services.demo.seed(OPERATOR, seed);
      const [engagement] = (await services.engagements.list(OPERATOR, organization.id, { limit: 1, offset: 0 })).items;
      const { risks } = await services.risks.list(OPERATOR, organization.id, engagement!.id);
      expect(risks.slice(0, 4).map((r) => r.controls)).toEqual([['AC-01'], ['AC-04'], ['CM-01'], ['BC-01']]);
      // PayRight's report has an exception: it raised a risk of its own.
      expect(risks.filter((r) => r.raisedBy?.reason === 'exceptions').map((r) => r.title)).toEqual(['PayRight: its SOC 2 report has exceptions (1)']);
      const { vendors } = await services.vendors.list(OPERATOR, organization.id, engagement!.id);
      expect(vendors.map((v) => v.name)).toEqual(['Nimbus Cloud', 'PayRight']);
    });

    it("keeps each risk's and vendor's code as its file writes it", async () => {
      const examination = await loadWorkspaceContent(ACME);
      const register = examination.register!;
      const risks = register.risks.map((risk, i) => ({ ...risk, code: `R-${101 + 2 * i}` }));
      const seed = { organizationSlug: 'acme', examination: { ...examination, register: { ...register, risks } }, people: PEOPLE, password: 'the published password' };
      const services = createServices(store());
      const { organization } = await services.demo.seed(OPERATOR, seed);
      const [engagement] = (await services.engagements.list(OPERATOR, organization.id, { limit: 1, offset: 0 })).items;
      const stored = (await services.risks.list(OPERATOR, organization.id, engagement!.id)).risks;
      expect(stored.filter((r) => r.raisedBy === null).map((r) => r.code)).toEqual(risks.map((r) => r.code));
      const { vendors } = await services.vendors.list(OPERATOR, organization.id, engagement!.id);
      expect(vendors.map((v) => v.code)).toEqual(register.vendors.map((v) => v.vendor.code));
    });
  });
}
