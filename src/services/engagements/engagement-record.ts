/**
 * An engagement's whole record: its settings, the workspace (the examination in use, its findings, root causes
 * and management responses, as `assay export` writes them), its archived controls with their tests, and its
 * corrective action plan (its webhook's origin only). The API's export gives it; a purge writes it into the audit
 * event before anything is deleted, so the chain keeps the evidence. Evaluation snapshots are left out: they are
 * derived from the rest.
 */
import { maskWebhookUrl, type Control, type ControlTest, type Finding, type RecordedResponse, type RootCause, type VersionedPlan } from '../../domain/index.js';
import { loadArchivedControls, loadExamination } from '../../store/controls-examination.js';
import type { StoredControl } from '../../store/controls-repository.js';
import type { StoredEngagement } from '../../store/engagements-repository.js';
import type { FindingsRepository, StoredFinding, StoredRootCause } from '../../store/findings-repository.js';
import type { ManagementResponsesRepository, StoredManagementResponse } from '../../store/management-responses-repository.js';
import type { ChecksRepository } from '../../store/checks-repository.js';
import type { RemediationPlansRepository } from '../../store/remediation-plans-repository.js';
import type { Executor } from '../../store/values.js';
import type { WorkspaceContent } from '../../workspace/write.js';

/** A control as its record keeps it: the workspace's control, its row's version and since when it is archived. */
export type RecordedControl = Control & Pick<StoredControl, 'version' | 'archivedAt'>;

export interface ArchivedControlRecord {
  control: RecordedControl;
  test: ControlTest | null;
}

export interface EngagementRecord {
  /** What this document is, for whoever reads it outside Assay. */
  format: 'assay-engagement-record/1';
  engagement: StoredEngagement;
  workspace: Required<WorkspaceContent>;
  archivedControls: ArchivedControlRecord[];
  /** Its webhook reduced to the origin, as the audit log keeps it: the path is often the webhook's secret. */
  remediationPlan: VersionedPlan;
}

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

/** The workspace of the engagement: the examination in use with its findings, root causes and management responses. */
export async function readWorkspace(trx: Executor, sources: RecordSources, engagementId: string): Promise<Required<WorkspaceContent>> {
  return {
    ...(await loadExamination(trx, engagementId)),
    findings: (await sources.findings.list(engagementId, {}, trx)).map(domainFinding),
    rootCauses: (await sources.findings.listRootCauses(engagementId, trx)).map(domainRootCause),
    managementResponses: (await sources.responses.list(engagementId, trx)).map(recordedResponse),
    checkFiles: (await sources.checks.list(engagementId, {}, trx)).map(({ fileName, checkId, title, definition }) => ({ fileName, checkId, title, definition })),
  };
}

export async function readEngagementRecord(
  trx: Executor,
  sources: RecordSources & { plans: Pick<RemediationPlansRepository, 'find'> },
  engagement: StoredEngagement,
): Promise<EngagementRecord> {
  return {
    format: 'assay-engagement-record/1',
    engagement,
    workspace: await readWorkspace(trx, sources, engagement.id),
    archivedControls: (await loadArchivedControls(trx, engagement.id)).map(({ control, test }) => ({ control: recordedControl(control), test })),
    remediationPlan: await sources.plans.find(engagement.id, trx).then((plan) => ({ ...plan, webhookUrl: maskWebhookUrl(plan.webhookUrl) })),
  };
}
