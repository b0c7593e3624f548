import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError, NotFoundError, TooLargeError, ValidationError, type Role } from '../../domain/index.js';
import { createAuditRepository } from '../../store/audit-repository.js';
import { createControlsRepository } from '../../store/controls-repository.js';
import { createChecksRepository } from '../../store/checks-repository.js';
import { createEngagementsRepository } from '../../store/engagements-repository.js';
import { createFindingsRepository } from '../../store/findings-repository.js';
import { createManagementResponsesRepository } from '../../store/management-responses-repository.js';
import { createMembershipsRepository } from '../../store/memberships-repository.js';
import { createRemediationPlansRepository } from '../../store/remediation-plans-repository.js';
import { canonicalJson } from '../../store/canonical-json.js';
import { createDescriptionRepository } from '../../store/description-repository.js';
import { createEvidenceRepository } from '../../store/evidence-repository.js';
import { createRisksRepository } from '../../store/risks-repository.js';
import { createVendorsRepository } from '../../store/vendors-repository.js';
import { loadWorkspaceContent } from '../../workspace/content.js';
import { loadFindings } from '../../workspace/findings.js';
import { loadWorkspace } from '../../workspace/load.js';
import type { WorkspaceContent, WorkspaceStatements } from '../../workspace/write.js';
import { createAccess } from '../platform/access.js';
import { OPERATOR, type Actor } from '../platform/actor.js';
import { createArchiveService, MAX_EXPORT_RECORD_BYTES, MAX_PURGE_RECORD_BYTES } from './archive-service.js';
import { createAuditLog } from '../platform/audit.js';
import { createServices } from '../index.js';
import { createEngagementScope } from './engagement-scope.js';
import { tokenActor } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');
let acme: WorkspaceContent | undefined;
let acmeWhole: (WorkspaceContent & WorkspaceStatements) | undefined;

async function acmeWorkspace(): Promise<WorkspaceContent> {
  if (!acme) {
    const examination = await loadWorkspace(ACME);
    acme = { ...examination, ...(await loadFindings(ACME, examination)) };
  }
  return acme;
}

/** The example workspace with its system description, risks and vendors. */
async function acmeWithStatements(): Promise<WorkspaceContent & WorkspaceStatements> {
  acmeWhole ??= await loadWorkspaceContent(ACME);
  return acmeWhole;
}

function as(role: Role, organizationId: string): Actor {
  return tokenActor(organizationId, role);
}

/** Rejects with a ConflictError that says the thing is archived. */
async function refusedAsArchived(attempt: Promise<unknown>): Promise<void> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConflictError);
  expect((error as Error).message).toMatch(/is archived \(since \S+\): it is read-only until an admin restores it/);
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: archive service`, () => {
    const store = useFreshStore(engine);

    async function imported(content?: WorkspaceContent & WorkspaceStatements) {
      const services = createServices(store());
      const { organization, engagement } = await services.workspace.importWorkspace(OPERATOR, content ?? (await acmeWorkspace()), { organizationSlug: 'acme' });
      const o = organization.id;
      const e = engagement.id;
      return { services, o, e, engagement, admin: as('admin', o), compliance: as('compliance', o) };
    }

    it('makes an archived engagement read-only everywhere, with a 409 saying why, and keeps it readable and exportable', async () => {
      const { services, o, e, engagement, compliance } = await imported();
      const exported = await services.workspace.exportWorkspace(OPERATOR, o, e);
      const archived = await services.archive.archiveEngagement(compliance, o, e, engagement.version);
      expect(archived).toMatchObject({ id: e, version: engagement.version + 1, archivedAt: expect.any(String) });

      await refusedAsArchived(services.engagements.update(compliance, o, e, archived.version, { name: 'Renamed' }));
      await refusedAsArchived(services.controls.create(compliance, o, e, { ...(await acmeWorkspace()).controls[0]!, id: 'NEW-1' }));
      await refusedAsArchived(services.controls.update(compliance, o, e, 'AC-04', 1, { title: 'Changed' }));
      await refusedAsArchived(services.tests.updateSample(as('auditor', o), o, e, 'AC-04', 'TERM-2026-002', { result: 'fail', note: 'late' }));
      await refusedAsArchived(services.findings.syncFromExamination(compliance, o, e));
      await refusedAsArchived(services.findings.transition(compliance, o, e, 'F-AC-04', 1, 'analysing'));
      await refusedAsArchived(services.remediation.updatePlan(compliance, o, e, 0, { targetDate: '2026-12-31', webhookUrl: null, dueSoonDays: 14 }));
      await refusedAsArchived(services.workspace.importWorkspace(OPERATOR, await acmeWorkspace(), { organizationSlug: 'acme', engagementName: engagement.name }));
      await expect(services.archive.archiveEngagement(compliance, o, e, archived.version)).rejects.toThrow(/is archived/);

      expect(await services.engagements.get(as('viewer', o), o, e)).toEqual(archived);
      expect((await services.examination.get(as('viewer', o), o, e)).conclusions.size).toBe(exported.controls.length);
      expect(await services.workspace.exportWorkspace(OPERATOR, o, e)).toEqual(exported);
      const record = await services.archive.exportEngagement(as('auditor', o), o, e);
      expect(record).toMatchObject({ format: 'assay-engagement-record/2', engagement: archived, workspace: exported, archivedControls: [] });

      const names = async (archivedFilter?: 'include' | 'only') =>
        (await services.engagements.list(compliance, o, { limit: 10, offset: 0, ...(archivedFilter && { archived: archivedFilter }) })).items.map((x) => x.id);
      expect(await names()).toEqual([]);
      expect(await names('include')).toEqual([e]);
      expect(await names('only')).toEqual([e]);
      const [event] = (await services.auditEvents.list(OPERATOR, o, { limit: 1, offset: 0, type: 'engagement.archived' })).items;
      expect(event).toMatchObject({ actor: 'user:compliance@tokens.example via token:compliance (token-compliance)', before: { archivedAt: null }, after: { archivedAt: archived.archivedAt } });
    });

    it('restores an archived engagement for an admin only, and then it changes again', async () => {
      const { services, o, e, engagement, admin, compliance } = await imported();
      const archived = await services.archive.archiveEngagement(compliance, o, e, engagement.version);
      await expect(services.archive.restoreEngagement(compliance, o, e, archived.version)).rejects.toThrow(ForbiddenError);
      await expect(services.archive.restoreEngagement(admin, o, e, archived.version - 1)).rejects.toThrow(ConflictError);
      const restored = await services.archive.restoreEngagement(admin, o, e, archived.version);
      expect(restored).toMatchObject({ archivedAt: null, version: archived.version + 1 });
      await expect(services.archive.restoreEngagement(admin, o, e, restored.version)).rejects.toThrow(/is not archived/);
      expect(await services.engagements.update(compliance, o, e, restored.version, { name: 'Renamed' })).toMatchObject({ name: 'Renamed' });
      expect((await services.auditEvents.list(OPERATOR, o, { limit: 5, offset: 0, type: 'engagement.restored' })).total).toBe(1);
    });

    it('purges only an archived engagement, an admin only, after writing its whole record into the audit event; the chain verifies', async () => {
      const { services, o, e, engagement, admin, compliance } = await imported();
      await expect(services.archive.purgeEngagement(admin, o, e, engagement.version)).rejects.toThrow(/is not archived/);
      const control = await services.archive.archiveControl(compliance, o, e, 'AC-04', 1);
      const before = await services.archive.exportEngagement(OPERATOR, o, e);
      const archived = await services.archive.archiveEngagement(compliance, o, e, engagement.version);
      await expect(services.archive.purgeEngagement(compliance, o, e, archived.version)).rejects.toThrow(ForbiddenError);
      await expect(services.archive.purgeEngagement(admin, o, e, archived.version - 1)).rejects.toThrow(ConflictError);

      const purged = await services.archive.purgeEngagement(admin, o, e, archived.version);
      expect(purged).toEqual({ subject: `engagement:${e}`, recordBytes: expect.any(Number) });
      await expect(services.engagements.get(admin, o, e)).rejects.toThrow(NotFoundError);
      const [event] = (await services.auditEvents.list(OPERATOR, o, { limit: 1, offset: 0, type: 'engagement.purged' })).items;
      expect(event).toMatchObject({ subject: `engagement:${e}`, actor: 'user:admin@tokens.example via token:admin (token-admin)', after: null });
      expect(event!.before).toEqual({ ...before, engagement: archived });
      expect(event!.before).toMatchObject({ archivedControls: [{ control: { id: 'AC-04', archivedAt: control.archivedAt }, test: { control: 'AC-04', populationSize: 8 } }] });
      expect((event!.before as typeof before).workspace.findings.length).toBeGreaterThan(0);
      expect(await services.integrity.verifyAuditChain(OPERATOR)).toMatchObject({ intact: true });
      // What the engagement held went with it; its events stay.
      for (const table of ['controls', 'findings', 'root_causes'] as const) {
        expect(await store().db.selectFrom(table).select('engagement_id').where('engagement_id', '=', e).execute()).toEqual([]);
      }
      expect((await services.auditEvents.list(OPERATOR, o, { limit: 1, offset: 0, subject: `engagement:${e}` })).total).toBeGreaterThan(2);
    });

    it('keeps every version of the system description, the risks and the vendors with their reports in the record, and a purge keeps them in its event', async () => {
      const { services, o, e, engagement, admin, compliance } = await imported(await acmeWithStatements());
      const first = await services.description.get(compliance, o, e);
      const edited = { ...first.description, changes: [...first.description.changes, 'Payroll moved to a new provider'] };
      const second = await services.description.update(compliance, o, e, first.version, edited);
      const register = await services.risks.list(compliance, o, e);
      const vendors = await services.vendors.list(compliance, o, e);
      const provide = (fileName: string, text: string) =>
        services.evidence.add(OPERATOR, o, e, { content: Readable.from([Buffer.from(text)]), fileName, mediaType: 'text/csv', controls: ['AC-04'], source: 'upload' });
      const kept = await provide('leavers.csv', 'user,left\n');
      const removed = await services.evidence.remove(OPERATOR, o, e, (await provide('wrong.csv', 'not this\n')).id, 1, 'The wrong quarter');

      const record = await services.archive.exportEngagement(as('auditor', o), o, e);
      expect(record.format).toBe('assay-engagement-record/2');
      expect(record.description).toEqual([
        { version: 1, description: first.description, updatedAt: first.updatedAt, updatedBy: first.updatedBy },
        { version: 2, description: edited, updatedAt: second.updatedAt, updatedBy: second.updatedBy },
      ]);
      expect(second.updatedBy).toBe('user:compliance@tokens.example via token:compliance (token-compliance)');
      // As the register and the vendor list show them, without what is worked out when they are read.
      expect(record.risks).toEqual(register.risks.map(({ assessment: _a, flags: _f, ...risk }) => risk));
      expect(record.vendors).toEqual(
        vendors.vendors.map(({ reviewOverdue: _o, risks: _r, reports, ...vendor }) => ({ vendor, reports: reports.map(({ reasons: _why, gaps: _g, ...report }) => report) })),
      );
      expect(record.risks.length).toBeGreaterThan(3);
      expect(record.vendors.flatMap((v) => v.reports)).toEqual([
        expect.objectContaining({ periodEnd: '2026-03-31', cuecs: [expect.objectContaining({ control: 'AC-01' })], recordedBy: 'operator:cli' }),
        expect.objectContaining({ exceptions: 1, cuecs: [expect.anything(), { text: 'Customers review payroll reports monthly', control: null }] }),
      ]);

      // Every evidence record, the deleted one too, names its file; the bytes stay in the store, not in the record.
      expect(record.evidence).toEqual(
        [removed, kept].map(({ engagementId: _e, ...evidence }) => ({ ...evidence, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: expect.any(Number) })),
      );
      expect(record.evidence.map((r) => [r.fileName, r.size, r.state])).toEqual([['wrong.csv', 9, 'deleted'], ['leavers.csv', 10, 'current']]);

      const archived = await services.archive.archiveEngagement(compliance, o, e, engagement.version);
      await services.archive.purgeEngagement(admin, o, e, archived.version);
      const [event] = (await services.auditEvents.list(OPERATOR, o, { limit: 1, offset: 0, type: 'engagement.purged' })).items;
      expect(event!.before).toEqual({ ...record, engagement: archived });
      const db = store().db;
      expect((await db.selectFrom('evidence_blobs').select('sha256').orderBy('sha256').execute()).map((b) => b.sha256)).toEqual([kept.sha256, removed.sha256].sort());
      for (const table of ['descriptions', 'risks', 'vendors', 'evidence'] as const) {
        expect(await db.selectFrom(table).select('engagement_id').where('engagement_id', '=', e).execute()).toEqual([]);
      }
      expect(await db.selectFrom('vendor_reports').select('id').execute()).toEqual([]);
      expect(await services.integrity.verifyAuditChain(OPERATOR)).toMatchObject({ intact: true });
    });

    /** The archive service with a smaller limit on what a purge's audit event holds (and an export gives). */
    function limitedArchive(maxRecordBytes: number, exportLimit: { maxExportBytes?: number; evidence?: ReturnType<typeof createEvidenceRepository> } = {}) {
      const db = store().db;
      const repositories = { engagements: createEngagementsRepository(db), controls: createControlsRepository(db) };
      return createArchiveService({
        ...repositories,
        db,
        findings: createFindingsRepository(db),
        responses: createManagementResponsesRepository(db),
        plans: createRemediationPlansRepository(db),
        checks: createChecksRepository(db),
        descriptions: createDescriptionRepository(db),
        risks: createRisksRepository(db),
        vendors: createVendorsRepository(db),
        evidence: exportLimit.evidence ?? createEvidenceRepository(db),
        lookup: createEngagementScope(repositories),
        access: createAccess({ memberships: createMembershipsRepository(db) }),
        audit: createAuditLog({ audit: createAuditRepository(db) }),
        clock: () => new Date(),
        maxRecordBytes,
        ...(exportLimit.maxExportBytes !== undefined && { maxExportBytes: exportLimit.maxExportBytes }),
      });
    }

    it('gives an export exactly at its limit and refuses one byte over it with a TooLargeError naming the size and the limit', async () => {
      const { o, e } = await imported(await acmeWithStatements());
      const record = await limitedArchive(0).exportEngagement(OPERATOR, o, e);
      const bytes = Buffer.byteLength(canonicalJson(record), 'utf8');
      expect(await limitedArchive(0, { maxExportBytes: bytes }).exportEngagement(OPERATOR, o, e)).toEqual(record);
      const refusal = await limitedArchive(0, { maxExportBytes: bytes - 1 }).exportEngagement(OPERATOR, o, e).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(TooLargeError);
      expect((refusal as TooLargeError).message).toBe(`The record of the engagement "${record.engagement.name}" (${bytes} bytes) is larger than the ${bytes - 1} bytes allowed`);
    });

    it('refuses an export as soon as the parts read pass the limit, before the rest is read', async () => {
      const { o, e } = await imported(await acmeWithStatements());
      const evidence = createEvidenceRepository(store().db);
      let evidenceRead = false;
      const watched = {
        ...evidence,
        list: (...args: Parameters<typeof evidence.list>) => {
          evidenceRead = true;
          return evidence.list(...args);
        },
      };
      // The engagement's settings alone are larger than this: nothing after them is read.
      await expect(limitedArchive(0, { maxExportBytes: 100, evidence: watched }).exportEngagement(OPERATOR, o, e)).rejects.toThrow(
        /^The record of the engagement ".+" \(more than \d+ bytes\) is larger than the 100 bytes allowed$/,
      );
      expect(evidenceRead).toBe(false);
      await limitedArchive(0, { evidence: watched }).exportEngagement(OPERATOR, o, e);
      expect(evidenceRead).toBe(true);
    });

    it('exports every engagement a purge would keep', () => {
      expect(MAX_EXPORT_RECORD_BYTES).toBeGreaterThanOrEqual(MAX_PURGE_RECORD_BYTES);
    });

    it('refuses a purge whose record is larger than an audit event may hold, and deletes nothing', async () => {
      const { o, e, engagement, admin, compliance } = await imported(await acmeWithStatements());
      const archive = limitedArchive(10_000);
      const archived = await archive.archiveEngagement(compliance, o, e, engagement.version);
      const before = await archive.exportEngagement(OPERATOR, o, e);
      await expect(archive.purgeEngagement(admin, o, e, archived.version)).rejects.toThrow(
        /^The engagement ".+" cannot be purged: its record is \d+\.\d MB, more than the 0\.0 MB an audit event holds; it stays archived \(and exportable\)$/,
      );
      expect(await createEngagementsRepository(store().db).findById(e)).toEqual(archived);
      expect(await archive.exportEngagement(OPERATOR, o, e)).toEqual(before);
      expect(before.description).toHaveLength(1);
      expect(before.vendors.flatMap((v) => v.reports)).toHaveLength(2);
      expect((await createAuditRepository(store().db).list({ limit: 1, offset: 0, type: 'engagement.purged' })).total).toBe(0);
      // Past what an export gives too, the refusal does not offer the export.
      await expect(limitedArchive(10_000, { maxExportBytes: 10_000 }).purgeEngagement(admin, o, e, archived.version)).rejects.toThrow(/an audit event holds; it stays archived$/);
    });

    it('counts the description, the risks and the vendors in the size of the record a purge may keep', async () => {
      const { o, e, engagement, admin, compliance } = await imported(await acmeWithStatements());
      const archived = await limitedArchive(0).archiveEngagement(compliance, o, e, engagement.version);
      const record = await limitedArchive(0).exportEngagement(OPERATOR, o, e);
      const whole = Buffer.byteLength(canonicalJson(record));
      const withoutStatements = Buffer.byteLength(canonicalJson({ ...record, description: [], risks: [], vendors: [] }));
      expect(whole).toBeGreaterThan(withoutStatements);
      // Room for all but the statements: refused, so the vendors' reports are not lost.
      await expect(limitedArchive(withoutStatements + 1).purgeEngagement(admin, o, e, archived.version)).rejects.toThrow(/cannot be purged: its record is/);
      expect((await createVendorsRepository(store().db).reports(e)).size).toBe(2);
      // Exactly room for it all: purged.
      expect(await limitedArchive(whole).purgeEngagement(admin, o, e, archived.version)).toEqual({ subject: `engagement:${e}`, recordBytes: whole });
    });

    it('takes an archived control out of the examination and the default list, keeps its test read-only, and restores it for an admin', async () => {
      const { services, o, e, admin, compliance } = await imported();
      const archived = await services.archive.archiveControl(compliance, o, e, 'AC-04', 1);
      expect(archived).toMatchObject({ id: 'AC-04', version: 2, archivedAt: expect.any(String) });
      expect([...(await services.examination.get(compliance, o, e)).conclusions.keys()]).not.toContain('AC-04');
      const list = async (archivedFilter?: 'include' | 'only') =>
        (await services.controls.list(compliance, o, e, { limit: 100, offset: 0, ...(archivedFilter && { archived: archivedFilter }) })).items.map((c) => c.id);
      expect(await list()).not.toContain('AC-04');
      expect(await list('only')).toEqual(['AC-04']);
      expect(await list('include')).toContain('AC-04');
      expect(await services.controls.get(compliance, o, e, 'AC-04')).toEqual(archived);
      expect((await services.tests.get(as('auditor', o), o, e, 'AC-04')).samples).toHaveLength(8);

      await refusedAsArchived(services.controls.update(compliance, o, e, 'AC-04', 2, { title: 'Changed' }));
      await refusedAsArchived(services.tests.updateSample(as('auditor', o), o, e, 'AC-04', 'TERM-2026-002', { result: 'fail', note: 'late' }));
      const control = (await acmeWorkspace()).controls.find((c) => c.id === 'AC-04')!;
      await expect(services.controls.create(compliance, o, e, control)).rejects.toThrow(/already exists in this engagement \(archived: an admin can restore it\)/);
      await expect(services.controls.create(compliance, o, e, { ...control, id: 'NEW-1', compensates: ['AC-04'] })).rejects.toThrow(/compensates "AC-04", which is archived: restore it first/);
      // An import keeps the archived control, and refuses a workspace that reuses its id.
      const reimport = services.workspace.importWorkspace(OPERATOR, await acmeWorkspace(), { organizationSlug: 'acme' });
      await expect(reimport).rejects.toThrow(ValidationError);
      await expect(reimport).rejects.toThrow(/the archived control AC-04 of this engagement has this id: restore it, or purge it, first/);

      await expect(services.archive.restoreControl(compliance, o, e, 'AC-04', 2)).rejects.toThrow(ForbiddenError);
      expect(await services.archive.restoreControl(admin, o, e, 'AC-04', 2)).toMatchObject({ archivedAt: null, version: 3 });
      expect([...(await services.examination.get(compliance, o, e)).conclusions.keys()]).toContain('AC-04');
      expect(await list('only')).toEqual([]);
    });

    it('keeps compensation links whole through archiving, restoring and purging, and purges a control with its samples', async () => {
      const { services, o, e, admin, compliance } = await imported();
      await expect(services.archive.archiveControl(compliance, o, e, 'AC-06', 1)).rejects.toThrow(/compensated by AC-07/);
      const ac07 = await services.archive.archiveControl(compliance, o, e, 'AC-07', 1);
      const ac06 = await services.archive.archiveControl(compliance, o, e, 'AC-06', 1);
      await expect(services.archive.restoreControl(admin, o, e, 'AC-07', ac07.version)).rejects.toThrow(/compensates AC-06, which is not in use: restore it first/);
      await expect(services.archive.purgeControl(admin, o, e, 'AC-06', ac06.version)).rejects.toThrow(/compensated by AC-07 \(archived\)/);
      await expect(services.archive.purgeControl(admin, o, e, 'AC-04', 1)).rejects.toThrow(/is not archived/);
      await expect(services.archive.purgeControl(compliance, o, e, 'AC-07', ac07.version)).rejects.toThrow(ForbiddenError);

      const samples = (await services.tests.get(admin, o, e, 'AC-07')).samples;
      const purged = await services.archive.purgeControl(admin, o, e, 'AC-07', ac07.version);
      expect(purged.subject).toMatch(/^control:/);
      await expect(services.controls.get(admin, o, e, 'AC-07')).rejects.toThrow(NotFoundError);
      const [event] = (await services.auditEvents.list(OPERATOR, o, { limit: 1, offset: 0, type: 'control.purged' })).items;
      expect(event).toMatchObject({
        subject: purged.subject,
        before: { format: 'assay-control-record/1', engagementId: e, control: { id: 'AC-07', compensates: ['AC-06'], archivedAt: ac07.archivedAt }, test: { control: 'AC-07', samples } },
      });
      await services.archive.purgeControl(admin, o, e, 'AC-06', ac06.version);
      expect(await services.integrity.verifyAuditChain(OPERATOR)).toMatchObject({ intact: true });
    });

    it('sends no reminders for an archived engagement', async () => {
      const { services, o, e, engagement, compliance } = await imported();
      const plans = createRemediationPlansRepository(store().db);
      await plans.save(e, 0, { targetDate: null, webhookUrl: 'https://hooks.example.test/assay', dueSoonDays: 14 });
      expect((await plans.listWithWebhook()).map((p) => p.engagementId)).toEqual([e]);
      await services.archive.archiveEngagement(compliance, o, e, engagement.version);
      expect(await plans.listWithWebhook()).toEqual([]);
    });
  });
}
