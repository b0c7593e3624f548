import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ForbiddenError, NotFoundError, ValidationError, examine, type Examination, type RecordedResponse } from '../../domain/index.js';
import { loadFindings } from '../../workspace/findings.js';
import { loadWorkspace } from '../../workspace/load.js';
import { writeWorkspace } from '../../workspace/write.js';
import { OPERATOR, type Actor } from '../platform/actor.js';
import { createServices } from '../index.js';
import { defaultEngagementName, slugFor } from './workspace-service.js';
import { WHOLE_PAGE, tokenActor } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');
const PASSWORD = 'correct horse battery staple';

describe('names an import derives', () => {
  it('makes a slug of the organisation name', () => {
    expect(slugFor('Acme Cloud, Inc.')).toBe('acme-cloud-inc');
    expect(slugFor('Société Générale — Paris')).toBe('societe-generale-paris');
    expect(slugFor('X')).toBe('organization-x');
    expect(slugFor('!!!')).toBe('organization');
    expect(slugFor('a'.repeat(80))).toHaveLength(63);
  });

  it('names the engagement by system and period', () => {
    expect(defaultEngagementName({ system: 'Platform', reportType: 'type2', periodStart: '2026-01-01', periodEnd: '2026-06-30' })).toBe(
      'Platform: SOC 2 Type 2, 2026-01-01 to 2026-06-30',
    );
    expect(defaultEngagementName({ system: 'Platform', reportType: 'type1', periodStart: null, periodEnd: '2026-06-30' })).toBe(
      'Platform: SOC 2 Type 1, as of 2026-06-30',
    );
  });
});

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: workspace service`, () => {
    const store = useFreshStore(engine);

    it('imports a workspace and exports it back as the same workspace, with the same forecast', async () => {
      const services = createServices(store());
      const acme = await loadWorkspace(ACME);
      const result = await services.workspace.importWorkspace(OPERATOR, acme);
      expect(result).toMatchObject({
        organization: { slug: 'acme-cloud-inc', name: 'Acme Cloud, Inc.' },
        organizationCreated: true,
        engagement: { name: 'Acme Analytics Platform: SOC 2 Type 2, 2026-01-01 to 2026-06-30' },
        engagementCreated: true,
        counts: { controls: acme.controls.length, tests: acme.tests.length, samples: acme.tests.reduce((n, t) => n + t.samples.length, 0) },
        notes: [],
      });

      const exported = await services.workspace.exportWorkspace(OPERATOR, result.organization.id, result.engagement.id);
      expect(exported).toEqual({ ...acme, findings: [], rootCauses: [], managementResponses: [], checkFiles: [] });
      const dir = await writeWorkspace(join(await mkdtemp(join(tmpdir(), 'assay-export-')), 'acme'), exported);
      const reloaded = await loadWorkspace(dir);
      expect(reloaded).toEqual(acme);
      expect(JSON.stringify(examine(reloaded))).toBe(JSON.stringify(examine(acme)));

      const events = await store().db.selectFrom('audit_events').select(['type', 'subject', 'actor']).orderBy('seq').execute();
      expect(events).toEqual([
        { type: 'organization.created', subject: `organization:${result.organization.id}`, actor: 'operator:cli' },
        { type: 'engagement.imported', subject: `engagement:${result.engagement.id}`, actor: 'operator:cli' },
      ]);
    });

    it('replaces the engagement of the same name on a second import, and says when the organisation’s name differs', async () => {
      const services = createServices(store());
      const acme = await loadWorkspace(ACME);
      // Only the first five controls are tested, so the controls the second import drops hold no recorded result.
      const firstFive = acme.tests.filter((t) => acme.controls.slice(0, 5).some((c) => c.id === t.control));
      const first = await services.workspace.importWorkspace(OPERATOR, { ...acme, tests: firstFive }, { organizationSlug: 'acme' });
      const smaller: Examination = {
        engagement: { ...acme.engagement, organization: 'ACME (renamed)', sampling: { confidence: 0.95, tolerableRate: 0.05 } },
        controls: acme.controls.slice(0, 5),
        tests: firstFive,
      };
      const second = await services.workspace.importWorkspace(OPERATOR, smaller, { organizationSlug: 'acme' });
      expect(second).toMatchObject({ organizationCreated: false, engagementCreated: false, counts: { controls: 5 } });
      expect(second.engagement.id).toBe(first.engagement.id);
      expect(second.notes).toEqual(['The organisation "acme" is named "Acme Cloud, Inc."; the workspace says "ACME (renamed)" (the name was kept).']);
      const exported = await services.workspace.exportWorkspace(OPERATOR, first.organization.id, first.engagement.id);
      expect(exported).toEqual({ ...smaller, engagement: { ...smaller.engagement, organization: 'Acme Cloud, Inc.' }, findings: [], rootCauses: [], managementResponses: [], checkFiles: [] });

      // Another name is another engagement of the same organisation.
      const other = await services.workspace.importWorkspace(OPERATOR, acme, { organizationSlug: 'acme', engagementName: 'FY2027' });
      expect(other.engagementCreated).toBe(true);
      expect(other.engagement.id).not.toBe(first.engagement.id);
    });

    it('imports the findings and root causes with the workspace, exports them back, and replaces them on the next import', async () => {
      const services = createServices(store());
      const acme = await loadWorkspace(ACME);
      const workspace = { ...acme, ...(await loadFindings(ACME, acme)) };
      const result = await services.workspace.importWorkspace(OPERATOR, workspace, { organizationSlug: 'acme' });
      expect(result.counts).toMatchObject({ findings: 3, rootCauses: 2 });
      const listed = await services.findings.list(OPERATOR, result.organization.id, result.engagement.id, WHOLE_PAGE);
      expect(listed.items.map((f) => [f.code, f.status, f.rootCause])).toEqual([
        ['F-AC-04', 'remediating', 'RC-01'],
        ['F-AC-06', 'closed', 'RC-02'],
        ['F-MON-01', 'analysing', 'RC-01'],
      ]);
      expect(await services.workspace.exportWorkspace(OPERATOR, result.organization.id, result.engagement.id)).toEqual({ ...workspace, checkFiles: [] });

      // Importing again rewrites each finding in place (its row, and what is stored beside it, stays).
      const rowIds = () => store().db.selectFrom('findings').select(['id', 'code', 'version']).orderBy('code').execute();
      const before = await rowIds();
      await services.workspace.importWorkspace(OPERATOR, workspace, { organizationSlug: 'acme' });
      expect(await rowIds()).toEqual(before.map((row) => ({ ...row, version: row.version + 1 })));

      // The workspace is the engagement's whole truth: one without findings leaves it none.
      await services.workspace.importWorkspace(OPERATOR, acme, { organizationSlug: 'acme' });
      expect(await services.findings.list(OPERATOR, result.organization.id, result.engagement.id, WHOLE_PAGE)).toEqual({ items: [], total: 0 });
      expect(await store().db.selectFrom('root_causes').select('id').execute()).toEqual([]);
    });

    it('carries the management responses in and out, dates one the workspace does not, and drops one the workspace no longer has', async () => {
      const services = createServices(store(), { clock: () => new Date('2026-11-02T08:00:00Z'), newId: randomUUID });
      const acme = await loadWorkspace(ACME);
      const workspace = { ...acme, ...(await loadFindings(ACME, acme)) };
      const [draft, approved] = workspace.managementResponses as [RecordedResponse, RecordedResponse];
      const undated = { ...workspace, managementResponses: [{ ...draft, editedOn: null }, approved] };
      const result = await services.workspace.importWorkspace(OPERATOR, undated, { organizationSlug: 'acme' });
      expect(result.counts).toMatchObject({ managementResponses: 2 });
      const exported = await services.workspace.exportWorkspace(OPERATOR, result.organization.id, result.engagement.id);
      expect(exported.managementResponses).toEqual([{ ...draft, editedOn: '2026-11-02T08:00:00.000Z' }, approved]);
      // The import is audited as a whole, with the number of responses it wrote.
      const imported = await store().db.selectFrom('audit_events').select('after').where('type', '=', 'engagement.imported').executeTakeFirstOrThrow();
      expect(JSON.parse(imported.after as string)).toMatchObject({ managementResponses: 2 });

      // Imported again with the draft approved in the workspace: rewritten in place, at the next version.
      const approvedNow = { ...draft, status: 'approved' as const, approvedBy: 'admin@acme.example', approvedOn: '2026-08-01T00:00:00.000Z' };
      await services.workspace.importWorkspace(OPERATOR, { ...workspace, managementResponses: [approvedNow, approved] }, { organizationSlug: 'acme' });
      expect(await services.managementResponses.get(OPERATOR, result.organization.id, result.engagement.id, 'F-AC-04')).toEqual({ ...approvedNow, version: 2 });

      // The workspace is the whole truth: a finding whose file has no response keeps none.
      await services.workspace.importWorkspace(OPERATOR, { ...workspace, managementResponses: [approved] }, { organizationSlug: 'acme' });
      const after = await services.workspace.exportWorkspace(OPERATOR, result.organization.id, result.engagement.id);
      expect(after.managementResponses.map((r) => r.finding)).toEqual(['F-AC-06']);
    });

    it('refuses responses that are not a finding’s or break four eyes, naming where, and writes nothing', async () => {
      const services = createServices(store());
      const acme = await loadWorkspace(ACME);
      const workspace = { ...acme, ...(await loadFindings(ACME, acme)) };
      const [draft, approved] = workspace.managementResponses as [RecordedResponse, RecordedResponse];
      const broken = {
        ...workspace,
        managementResponses: [{ ...draft, finding: 'F-NONE' }, { ...approved, approvedBy: 'Compliance@acme.example' }, { ...approved, status: 'draft' as const }],
      };
      const error = await services.workspace.importWorkspace(OPERATOR, broken, { organizationSlug: 'acme' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        { location: '$.managementResponses[0].finding', message: 'no finding "F-NONE" in the workspace' },
        { location: '$.managementResponses[1].approvedBy', message: 'Compliance@acme.example last edited it: someone else must approve it (four eyes)' },
        { location: '$.managementResponses[2].finding', message: 'a second response to F-AC-06: a finding has one' },
        { location: '$.managementResponses[2].approvedBy', message: 'a draft has no approver: approvedBy is kept only while the status is approved' },
        { location: '$.managementResponses[2].approvedOn', message: 'a draft has no approval: approvedOn is kept only while the status is approved' },
      ]);
      expect(await store().db.selectFrom('organizations').select('id').execute()).toEqual([]);
      expect(await store().db.selectFrom('management_responses').select('id').execute()).toEqual([]);
    });

    it('exports the findings derived in the app so that the workspace reads them back as they are', async () => {
      const services = createServices(store());
      const acme = await loadWorkspace(ACME);
      const { organization, engagement } = await services.workspace.importWorkspace(OPERATOR, acme, { organizationSlug: 'acme' });
      const { created } = await services.findings.syncFromExamination(OPERATOR, organization.id, engagement.id);
      expect(created.length).toBeGreaterThan(0);
      const exported = await services.workspace.exportWorkspace(OPERATOR, organization.id, engagement.id);
      const dir = await writeWorkspace(join(await mkdtemp(join(tmpdir(), 'assay-export-')), 'acme'), exported);
      expect(await loadFindings(dir, await loadWorkspace(dir))).toEqual({ findings: exported.findings, rootCauses: [], managementResponses: [] });
    });

    it('writes nothing when the examination is refused', async () => {
      const services = createServices(store());
      const acme = await loadWorkspace(ACME);
      const broken = { ...acme, controls: [...acme.controls, acme.controls[0]!] };
      await expect(services.workspace.importWorkspace(OPERATOR, broken)).rejects.toBeInstanceOf(ValidationError);
      await expect(services.workspace.importWorkspace(OPERATOR, acme, { organizationSlug: 'Not A Slug' })).rejects.toBeInstanceOf(ValidationError);
      expect(await store().db.selectFrom('organizations').select('id').execute()).toEqual([]);
      expect(await store().db.selectFrom('audit_events').select('seq').execute()).toEqual([]);
    });

    it('lets only the programme’s managers import into an organisation, and no token create one', async () => {
      const services = createServices(store());
      const acme = await loadWorkspace(ACME);
      const { organization } = await services.workspace.importWorkspace(OPERATOR, acme, { organizationSlug: 'acme' });
      const viewer = await services.members.add(OPERATOR, organization.id, { email: 'viewer@acme.example', role: 'viewer', displayName: 'V', password: PASSWORD });
      const asViewer: Actor = { kind: 'user', userId: viewer.userId, email: viewer.email };
      await expect(services.workspace.importWorkspace(asViewer, acme, { organizationSlug: 'acme' })).rejects.toBeInstanceOf(ForbiddenError);
      // A token acts as its creator, an admin here, whose membership each transaction reads again.
      const creator = await services.members.add(OPERATOR, organization.id, { email: 'ci@acme.example', role: 'admin', displayName: 'CI', password: PASSWORD });
      const token: Actor = { kind: 'token', tokenId: 't', organizationId: organization.id, role: 'admin', name: 'ci', userId: creator.userId, email: creator.email, creatorRole: 'admin' };
      await expect(services.workspace.importWorkspace(token, acme, { organizationSlug: 'elsewhere' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(services.workspace.importWorkspace(token, acme, { organizationSlug: 'acme' })).resolves.toMatchObject({ engagementCreated: false });

      // Creating an organisation by import follows the rule of creating one: an instance administrator's, by default.
      await expect(services.workspace.importWorkspace(asViewer, acme, { organizationSlug: 'viewers-own' })).rejects.toThrow(/instance administrator/);
      await services.users.setInstanceAdmin(OPERATOR, viewer.email, true);
      // A person who imports into a new organisation becomes its admin.
      const mine = await services.workspace.importWorkspace(asViewer, acme, { organizationSlug: 'viewers-own' });
      expect(await services.access.grantIn(asViewer, mine.organization.id)).toBe('admin');
    });

    it('finds the engagement to export by id, by name, or as the only one, and hides other tenants', async () => {
      const services = createServices(store());
      const acme = await loadWorkspace(ACME);
      const { organization, engagement } = await services.workspace.importWorkspace(OPERATOR, acme, { organizationSlug: 'acme' });
      const find = (engagementRef?: string) =>
        services.workspace.findEngagement(OPERATOR, { organizationSlug: 'acme', ...(engagementRef !== undefined && { engagement: engagementRef }) });
      expect((await find()).engagement.id).toBe(engagement.id);
      expect((await find(engagement.id)).engagement.id).toBe(engagement.id);
      expect((await find(engagement.name)).engagement.id).toBe(engagement.id);
      await expect(find('no such engagement')).rejects.toBeInstanceOf(NotFoundError);
      await services.workspace.importWorkspace(OPERATOR, acme, { organizationSlug: 'acme', engagementName: 'Second' });
      await expect(find()).rejects.toThrow(/has 2 engagements: choose one with --engagement/);
      await expect(services.workspace.findEngagement(OPERATOR, { organizationSlug: 'nowhere' })).rejects.toBeInstanceOf(NotFoundError);

      const outsider = tokenActor('another', 'admin');
      await expect(services.workspace.findEngagement(outsider, { organizationSlug: 'acme' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(services.workspace.exportWorkspace(outsider, organization.id, engagement.id)).rejects.toBeInstanceOf(NotFoundError);
      const other = await services.organizations.create(OPERATOR, { slug: 'other', name: 'Other' });
      await expect(services.workspace.exportWorkspace(OPERATOR, other.id, engagement.id)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
