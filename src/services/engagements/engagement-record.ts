/**
 * An engagement's whole record: its settings, the workspace (the examination in use, its findings, root causes
 * and management responses, as `assay export` writes them), its archived controls with their tests, its
 * corrective action plan (its webhook's origin only), and what management states beside the examination as the
 * store keeps it, with who wrote it and when: every version of the system description, the risk register, and
 * the vendors with their SOC 2 reports; and its evidence records (the files' hashes, not their bytes). The API's export gives it; a purge writes it into the audit event before
 * anything is deleted, so the chain keeps the evidence. Evaluation snapshots are left out: they are derived from
 * the rest.
 */
import { maskWebhookUrl, type Control, type ControlTest, type Finding, type RecordedResponse, type RootCause, type VersionedPlan } from '../../domain/index.js';
import { MAX_PAGE_SIZE } from '../../domain/limits.js';
import { loadArchivedControls, loadExamination } from '../../store/controls-examination.js';
import type { StoredControl } from '../../store/controls-repository.js';
import type { DescriptionRepository, DescriptionVersion } from '../../store/description-repository.js';
import type { StoredEngagement } from '../../store/engagements-repository.js';
import type { EvidenceRepository, StoredEvidence } from '../../store/evidence-repository.js';
import type { FindingsRepository, StoredFinding, StoredRootCause } from '../../store/findings-repository.js';
import type { ManagementResponsesRepository, StoredManagementResponse } from '../../store/management-responses-repository.js';
import type { ChecksRepository } from '../../store/checks-repository.js';
import type { RemediationPlansRepository } from '../../store/remediation-plans-repository.js';
import type { RisksRepository, StoredRisk } from '../../store/risks-repository.js';
import type { StoredVendor, StoredVendorReport, VendorsRepository } from '../../store/vendors-repository.js';
import type { Executor } from '../../store/values.js';
import type { WorkspaceContent } from '../../workspace/write.js';

/** A control as its record keeps it: the workspace's control, its row's version and since when it is archived. */
export type RecordedControl = Control & Pick<StoredControl, 'version' | 'archivedAt'>;

export interface ArchivedControlRecord {
  control: RecordedControl;
  test: ControlTest | null;
}

/** A vendor as its record keeps it: the inventory's row and every SOC 2 report recorded for it. */
export interface VendorRecord {
  vendor: StoredVendor;
  reports: StoredVendorReport[];
}

/**
 * What an engagement record's format names. The second adds the description, the risks and the vendors: a record
 * of the first (purged before) does not have them.
 */
export const ENGAGEMENT_RECORD_FORMAT = 'assay-engagement-record/2';

export interface EngagementRecord {
  /** What this document is, for whoever reads it outside Assay. */
  format: typeof ENGAGEMENT_RECORD_FORMAT;
  engagement: StoredEngagement;
  workspace: Required<WorkspaceContent>;
  archivedControls: ArchivedControlRecord[];
  /** Its webhook reduced to the origin, as the audit log keeps it: the path is often the webhook's secret. */
  remediationPlan: VersionedPlan;
  /** Every version of the system description, oldest first; empty when none was recorded. */
  description: DescriptionVersion[];
  /** The risk register, in code order; a risk a vendor's report raised names the report by its id. */
  risks: StoredRisk[];
  /** The vendors in code order, each with its reports. */
  vendors: VendorRecord[];
  /**
   * Every evidence record, superseded and deleted ones too, newest first: each names its file by hash, name, type
   * and size. The bytes are not in the record: they stay in the evidence store under their hash.
   */
  evidence: RecordedEvidence[];
}

export type RecordedEvidence = Omit<StoredEvidence, 'engagementId'>;

export interface RecordSources {
  findings: Pick<FindingsRepository, 'list' | 'listRootCauses'>;
  responses: Pick<ManagementResponsesRepository, 'list'>;
  checks: Pick<ChecksRepository, 'list'>;
}

/** The domain's finding, without what the store keeps beside it. */
function domainFinding({ engagementId: _engagement, createdAt: _created, version: _version, ...finding }: StoredFinding): Finding {
  return finding;
}

function domainRootCause({ engagementId: _engagement, version: _version, ...rootCause }: StoredRootCause): RootCause {
  return rootCause;
}

function recordedResponse({ version: _version, ...response }: StoredManagementResponse): RecordedResponse {
  return response;
}

export function recordedControl({ rowId: _row, engagementId: _engagement, ...control }: StoredControl): RecordedControl {
  return control;
}

/**
 * Told each part of a record as it is read, so that a reader with a size limit can refuse the record before the
 * rest is read. Each part is written whole inside the record, so their sizes add up to less than the record's.
 */
export type PartRead = (part: unknown) => void;

const noLimit: PartRead = () => {};

/** The value, after telling `partRead` of it. */
function told<T>(partRead: PartRead, value: T): T {
  partRead(value);
  return value;
}

/** The workspace of the engagement: the examination in use with its findings, root causes and management responses. */
export async function readWorkspace(trx: Executor, sources: RecordSources, engagementId: string, partRead: PartRead = noLimit): Promise<Required<WorkspaceContent>> {
  return {
    ...told(partRead, await loadExamination(trx, engagementId)),
    findings: told(partRead, (await sources.findings.list(engagementId, {}, trx)).map(domainFinding)),
    rootCauses: told(partRead, (await sources.findings.listRootCauses(engagementId, trx)).map(domainRootCause)),
    managementResponses: told(partRead, (await sources.responses.list(engagementId, trx)).map(recordedResponse)),
    checkFiles: told(partRead, (await sources.checks.list(engagementId, {}, trx)).map(({ fileName, checkId, title, definition }) => ({ fileName, checkId, title, definition }))),
  };
}

/** What the record reads beside the workspace. */
export interface EngagementRecordSources extends RecordSources {
  plans: Pick<RemediationPlansRepository, 'find'>;
  descriptions: Pick<DescriptionRepository, 'versions'>;
  risks: Pick<RisksRepository, 'list'>;
  vendors: Pick<VendorsRepository, 'list' | 'reports'>;
  evidence: Pick<EvidenceRepository, 'list'>;
}

async function readVendors(trx: Executor, vendors: EngagementRecordSources['vendors'], engagementId: string): Promise<VendorRecord[]> {
  const [listed, reports] = await Promise.all([vendors.list(engagementId, trx), vendors.reports(engagementId, trx)]);
  return listed.map((vendor) => ({ vendor, reports: reports.get(vendor.code) ?? [] }));
}

/** Every evidence record of the engagement, read a page at a time, each told to `partRead`. */
export async function readEvidence(trx: Executor, evidence: EngagementRecordSources['evidence'], engagementId: string, partRead: PartRead = noLimit): Promise<RecordedEvidence[]> {
  const records: RecordedEvidence[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = await evidence.list(engagementId, { state: 'all', limit: MAX_PAGE_SIZE, offset }, trx);
    // Told one by one: a page's brackets are not in the record, so a page's size would overstate it.
    for (const record of page.items.map(({ engagementId: _engagement, ...rest }) => rest)) records.push(told(partRead, record));
    if (offset + MAX_PAGE_SIZE >= page.total) return records;
  }
}

/** The engagement's whole record, its parts read in turn and each told to `partRead`. */
export async function readEngagementRecord(trx: Executor, sources: EngagementRecordSources, engagement: StoredEngagement, partRead: PartRead = noLimit): Promise<EngagementRecord> {
  const part = <T>(value: T): T => told(partRead, value);
  return {
    format: ENGAGEMENT_RECORD_FORMAT,
    engagement: part(engagement),
    workspace: await readWorkspace(trx, sources, engagement.id, partRead),
    archivedControls: part((await loadArchivedControls(trx, engagement.id)).map(({ control, test }) => ({ control: recordedControl(control), test }))),
    remediationPlan: part(await sources.plans.find(engagement.id, trx).then((plan) => ({ ...plan, webhookUrl: maskWebhookUrl(plan.webhookUrl) }))),
    description: part(await sources.descriptions.versions(engagement.id, trx)),
    risks: part(await sources.risks.list(engagement.id, trx)),
    vendors: part(await readVendors(trx, sources.vendors, engagement.id)),
    evidence: await readEvidence(trx, sources.evidence, engagement.id, partRead),
  };
}
