import { strToU8, zipSync } from 'fflate';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { buildUser, engagementSettings, unique } from '../../../test/support/factories.js';
import { ConflictError, ForbiddenError, ValidationError, type Role } from '../../domain/index.js';
import { NO_ANSWERS, starterControls } from '../../domain/starter/index.js';
import { createAuditRepository } from '../../store/audit-repository.js';
import { VALID_ASSAY, zipFolder } from '../../workspace/testing.js';
import { createServices } from '../index.js';
import { OPERATOR } from '../platform/actor.js';
import { tokenActor, WHOLE_PAGE } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');
const ANSWERS = { cloudProvider: true, personalData: true, hrSystem: false, developsSoftware: true };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: starter service`, () => {
    const store = useFreshStore(engine);

    async function world() {
      const services = createServices(store());
      const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
      const o = organization.id;
      const as = (role: Role, organizationId = o) => tokenActor(organizationId, role);
      const events = async (type: string) => (await createAuditRepository(store().db).list({ limit: 1000, offset: 0, organizationId: o, type })).items;
      /** A signed-in member: an import checks the role again inside its transaction, from the memberships. */
      const member = async (role: Role) => {
        const email = `${unique(role)}@acme.example`;
        const user = await buildUser(store().db, { email });
        await services.members.add(OPERATOR, o, { email, role });
        return { kind: 'user' as const, userId: user.id, email };
      };
      const engagementCount = async () => (await services.engagements.list(OPERATOR, o, { ...WHOLE_PAGE, archived: 'include' })).total;
      return { services, o, as, member, events, engagementCount };
    }

    it('creates the engagement with the starter controls of its categories, every in-scope criterion addressed, each control audited', async () => {
      const { services, o, as, events } = await world();
      const settings = engagementSettings({ categories: ['availability', 'privacy'] });
      const { engagement, controls } = await services.starter.createEngagement(as('compliance'), o, { engagement: settings, answers: ANSWERS });
      expect(engagement.categories).toEqual(['security', 'availability', 'privacy']);
      expect(controls.map((c) => c.id)).toEqual(starterControls(ANSWERS, engagement.categories).map((c) => c.id));

      const result = JSON.parse((await services.examination.get(as('viewer'), o, engagement.id)).json.toString('utf8')) as { criteria: { id: string; controls: string[] }[] };
      expect(result.criteria.length).toBe(33 + 3 + 18);
      expect(result.criteria.filter((c) => c.controls.length === 0)).toEqual([]);
      expect((await events('engagement.created')).map((e) => e.subject)).toEqual([`engagement:${engagement.id}`]);
      expect(await events('control.created')).toHaveLength(controls.length);
    });

    it('refuses the roles that do not manage the programme, and another organisation, before writing anything', async () => {
      const { services, o, as, engagementCount } = await world();
      const other = await services.organizations.create(OPERATOR, { slug: unique('other'), name: 'Other' });
      for (const role of ['owner', 'auditor', 'viewer'] as const) {
        await expect(services.starter.createEngagement(as(role), o, { engagement: engagementSettings(), answers: ANSWERS })).rejects.toBeInstanceOf(ForbiddenError);
      }
      await expect(services.starter.createEngagement(as('admin', other.id), o, { engagement: engagementSettings(), answers: ANSWERS })).rejects.toThrow();
      expect(await engagementCount()).toBe(0);
    });

    it('refuses bad settings at their JSON path, with nothing written', async () => {
      const { services, o, as, engagementCount } = await world();
      const error = await services.starter.createEngagement(as('admin'), o, { engagement: engagementSettings({ periodStart: null }), answers: ANSWERS }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.location)).toEqual(['$.engagement.periodStart']);
      expect(await engagementCount()).toBe(0);
    });

    it('adds the starter set to an engagement without controls, once: a second time is a conflict that adds nothing', async () => {
      const { services, o, as, events } = await world();
      const empty = await services.engagements.create(as('compliance'), o, engagementSettings({ reportType: 'type1', periodStart: null }));
      const { controls } = await services.starter.addToEngagement(as('compliance'), o, empty.id, NO_ANSWERS);
      expect(controls.map((c) => c.id)).toEqual(starterControls(NO_ANSWERS, empty.categories).map((c) => c.id));
      await expect(services.starter.addToEngagement(as('compliance'), o, empty.id, ANSWERS)).rejects.toThrow(
        new ConflictError(`The engagement "${empty.name}" already has ${controls.length} controls: the starter set is added only to an engagement without controls`),
      );
      expect(await events('control.created')).toHaveLength(controls.length);
      await expect(services.starter.addToEngagement(as('owner'), o, empty.id, NO_ANSWERS)).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('imports a zipped workspace as a new engagement, and refuses to replace it with a second upload', async () => {
      const { services, o, member, engagementCount } = await world();
      const compliance = await member('compliance');
      const zip = await zipFolder(ACME);
      const imported = await services.starter.importZip(compliance, o, zip);
      expect(imported).toMatchObject({ organizationCreated: false, engagementCreated: true, counts: { controls: 48 } });
      expect(imported.organization.id).toBe(o);

      const before = await services.workspace.exportWorkspace(OPERATOR, o, imported.engagement.id);
      await expect(services.starter.importZip(compliance, o, zip)).rejects.toThrow(/already has an engagement named .*an upload never replaces an engagement/);
      expect(await services.workspace.exportWorkspace(OPERATOR, o, imported.engagement.id)).toEqual(before);
      expect(await engagementCount()).toBe(1);
    });

    it('refuses a zip before reading it when the caller may not import, and a bad zip with nothing written', async () => {
      const { services, o, as, engagementCount } = await world();
      await expect(services.starter.importZip(as('auditor'), o, strToU8('not read'))).rejects.toBeInstanceOf(ForbiddenError);
      const traversal = zipSync({ 'assay.yaml': strToU8(VALID_ASSAY), '../evil.yaml': strToU8('x') });
      await expect(services.starter.importZip(as('admin'), o, traversal)).rejects.toBeInstanceOf(ValidationError);
      expect(await engagementCount()).toBe(0);
    });
  });
}
