/**
 * The auditor's package from the database (src/reports/package): the workpapers, the examination and every
 * evidence file the tests rely on (the records that stand, for a control of the engagement's examination: neither
 * superseded nor deleted), frozen to one moment. The data is read in one snapshot; the workpapers are rendered
 * outside any transaction; then the export is recorded (`package.exported`, with the manifest's SHA-256 and the audit
 * log's head before it) and only then are the bytes streamed, evidence read from the blob store as the zip is
 * written, never held twice. `package.export`: the auditor it is for and the programme (docs/auditor-package.md).
 */
import { MAX_PACKAGE_BYTES, MAX_PACKAGE_FILES } from '../../domain/limits.js';
import { examineCovered, NotFoundError, TooLargeError, ValidationError, withCoverage } from '../../domain/index.js';
import type { ReportData } from '../../reports/documents/data.js';
import { manifestBytes, sha256Of } from '../../reports/package/manifest.js';
import { assemblePackage, writePackage, type Manifest } from '../../reports/package/index.js';
import { renderWorkpapers } from '../../reports/workbook/index.js';
import type { AuditRepository } from '../../store/audit-repository.js';
import type { BlobStore } from '../../store/blobs.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import { engineOf } from '../../store/engine.js';
import type { EvidenceRepository, StoredEvidence } from '../../store/evidence-repository.js';
import type { FindingsRepository } from '../../store/findings-repository.js';
import type { ManagementResponsesRepository } from '../../store/management-responses-repository.js';
import type { OrganizationsRepository } from '../../store/organizations-repository.js';
import type { Executor } from '../../store/values.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import { reportFileName } from '../engagements/workspace-service.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';

export interface AuditorPackage {
  /** What a download is called: the organisation, the period's end and `auditor-package.zip`. */
  fileName: string;
  manifest: Manifest;
  /** The zip's bytes as they are written; reading them is what reads the evidence. */
  content: AsyncIterable<Uint8Array>;
}

/** The files the package itself adds beside the evidence: the workpapers and the examination. */
const OWN_FILES = 2;
const PAGE = { limit: 1000, offset: 0 };

export function createPackageService(deps: {
  db: Executor;
  organizations: Pick<OrganizationsRepository, 'findById'>;
  controls: Pick<ControlsRepository, 'loadKeyedExamination'>;
  findings: Pick<FindingsRepository, 'list' | 'listRootCauses'>;
  responses: Pick<ManagementResponsesRepository, 'list'>;
  evidence: Pick<EvidenceRepository, 'list'>;
  audit: Pick<AuditRepository, 'head'>;
  auditLog: AuditLog;
  blobs: Pick<BlobStore, 'get'>;
  lookup: EngagementScope;
  access: Access;
  clock: () => Date;
}) {
  const { db, organizations, controls, findings, responses, evidence, audit, auditLog, blobs, lookup, access, clock } = deps;

  /** Every record that stands, page by page within the snapshot. */
  async function standingEvidence(engagementId: string, trx: Executor): Promise<StoredEvidence[]> {
    const records: StoredEvidence[] = [];
    for (let offset = 0; ; offset += PAGE.limit) {
      const page = await evidence.list(engagementId, { state: 'current', ...PAGE, offset }, trx);
      records.push(...page.items);
      if (records.length >= page.total || page.items.length === 0) return records;
    }
  }

  return {
    async export(actor: Actor, organizationId: string, engagementId: string): Promise<AuditorPackage> {
      await access.require(actor, organizationId, 'package.export');
      const engagement = await lookup.engagement(organizationId, engagementId);
      const organization = await organizations.findById(organizationId);
      if (!organization) throw new NotFoundError(`Organization ${organizationId}`);
      const generatedAt = clock().toISOString();

      // One snapshot, so the workpapers, the examination and the evidence say the same state.
      const transaction = engineOf(db) === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
      const read = await transaction.execute(async (trx) => ({
        keyed: await controls.loadKeyedExamination(engagementId, trx),
        findings: await findings.list(engagementId, {}, trx),
        rootCauses: await findings.listRootCauses(engagementId, trx),
        responses: await responses.list(engagementId, trx),
        evidence: await standingEvidence(engagementId, trx),
      }));
      const { examination } = read.keyed;
      const inExamination = new Set(examination.controls.map((c) => c.id));
      const relied = read.evidence.filter((record) => record.controls.some((control) => inExamination.has(control)));
      const evidenceBytes = relied.reduce((sum, record) => sum + record.size, 0);
      if (relied.length + OWN_FILES > MAX_PACKAGE_FILES) {
        throw new ValidationError([{ location: 'evidence', message: `holds ${relied.length} files, more than the ${MAX_PACKAGE_FILES - OWN_FILES} one package holds` }], 'The package cannot be made');
      }
      if (evidenceBytes > MAX_PACKAGE_BYTES) throw new TooLargeError(`The engagement's evidence (${evidenceBytes} bytes)`, MAX_PACKAGE_BYTES);

      // What the workpapers read: the examination, its result, the findings and their root causes (and responses).
      const covered = withCoverage(examination, read.keyed.evidence);
      const data: ReportData = {
        examination: covered.examination,
        result: examineCovered(covered),
        coverage: covered.coverage,
        findings: read.findings,
        rootCauses: read.rootCauses,
        responses: read.responses,
        monitoring: [],
        changes: [],
        history: [],
        publishedNames: [],
        locale: organization.locale,
        generatedAt,
      };
      const workpapers = await renderWorkpapers(data);

      const { manifest, files } = await db.transaction().execute(async (trx) => {
        const head = await audit.head(trx);
        const assembled = assemblePackage(
          {
            engagement: { id: engagement.id, organization: examination.engagement.organization, system: examination.engagement.system, reportType: examination.engagement.reportType, periodStart: examination.engagement.periodStart, periodEnd: examination.engagement.periodEnd },
            generatedAt,
            auditLogHead: head ? `${head.seq}:${head.hash}` : null,
          },
          {
            workpapers,
            examination: data.result,
            evidence: relied.map((record) => ({
              id: record.id,
              fileName: record.fileName,
              controls: record.controls,
              coversFrom: record.coversFrom,
              coversTo: record.coversTo,
              collectedAt: record.collectedAt,
              size: record.size,
              sha256: record.sha256,
              open: () => blobs.get(record.sha256),
            })),
          },
        );
        await auditLog.record(trx, actor, {
          type: 'package.exported',
          organizationId,
          subject: `engagement:${engagementId}`,
          after: {
            manifestSha256: sha256Of(manifestBytes(assembled.manifest)),
            generatedAt,
            auditLogHead: assembled.manifest.auditLogHead,
            files: assembled.files.length,
            evidenceFiles: relied.length,
            bytes: assembled.files.reduce((sum, file) => sum + file.size, 0),
          },
        });
        return assembled;
      });
      return { fileName: reportFileName(organization.name, examination.engagement.periodEnd, 'auditor-package.zip'), manifest, content: writePackage(manifest, files) };
    },
  };
}

export type PackageService = ReturnType<typeof createPackageService>;
