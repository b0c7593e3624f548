/**
 * The audit events services write, typed, in the same transaction as the change they describe.
 * The store chains their hashes; `assay verify` recomputes the chain.
 */
import type { AuditEventOf, AuditEventType, FindingStepEventOf, FindingStepType } from '../../domain/audit-events.js';
import type { EvidenceRequest } from '../../domain/evidence/index.js';
import type { VersionedPlan } from '../../domain/remediation/index.js';
import type { ApiToken } from '../../store/api-tokens-repository.js';
import type { AuditRepository } from '../../store/audit-repository.js';
import type { ReplaceCounts, SampleChange, StoredControl, StoredControlTest } from '../../store/controls-repository.js';
import type { StoredDescription } from '../../store/description-repository.js';
import type { StoredEngagement } from '../../store/engagements-repository.js';
import type { StoredEvidence } from '../../store/evidence-repository.js';
import type { StoredFinding, StoredRootCause } from '../../store/findings-repository.js';
import type { FindingsCounts } from '../../store/findings-replace.js';
import type { Invitation } from '../../store/invitations-repository.js';
import type { StoredManagementResponse } from '../../store/management-responses-repository.js';
import type { StoredRisk } from '../../store/risks-repository.js';
import type { StoredVendor, StoredVendorReport } from '../../store/vendors-repository.js';
import type { Membership } from '../../store/memberships-repository.js';
import type { Organization } from '../../store/organizations-repository.js';
import type { User } from '../../store/users-repository.js';
import type { Trx } from '../../store/values.js';
import { auditActorOf, describeActor, type Actor } from './actor.js';

export { AUDIT_EVENT_TYPES, type AuditEventType } from '../../domain/audit-events.js';

/** The store's rows behind each kind of record the catalogue names. */
export interface StoredRecords {
  organization: Organization;
  user: User;
  membership: Membership;
  invitation: Invitation;
  token: ApiToken;
  engagement: StoredEngagement;
  /** The archive's document of a purged engagement, known here by its format. */
  engagementRecord: { format: 'assay-engagement-record/2' };
  importCounts: ReplaceCounts & FindingsCounts;
  carriedCounts: ReplaceCounts & { findings: number; rootCauses: number };
  control: StoredControl;
  /** The archive's document of a purged control, known here by its format. */
  controlRecord: { format: 'assay-control-record/1' };
  test: StoredControlTest;
  sample: SampleChange['sample'];
  finding: StoredFinding;
  rootCause: StoredRootCause;
  managementResponse: StoredManagementResponse;
  /** Its webhook address masked. */
  remediationPlan: VersionedPlan;
  evidence: StoredEvidence;
  evidenceRequest: EvidenceRequest;
  description: StoredDescription;
  risk: StoredRisk;
  vendor: StoredVendor;
  vendorReport: StoredVendorReport;
}

/** An event as the services record it: its type decides its payload (src/domain/audit-events.ts). */
export type AuditEvent<T extends AuditEventType = AuditEventType> = AuditEventOf<StoredRecords, T>;

export interface AuditLog {
  record<T extends AuditEventType>(trx: Trx, actor: Actor, event: AuditEvent<T>): Promise<void>;
  /** A step of a finding's work whose type is one of several: the catalogue still types its details by it. */
  record<T extends FindingStepType>(trx: Trx, actor: Actor, event: FindingStepEventOf<StoredRecords, T>): Promise<void>;
}

export function createAuditLog(deps: { audit: Pick<AuditRepository, 'append'> }): AuditLog {
  return {
    async record(trx: Trx, actor: Actor, event: AuditEvent | FindingStepEventOf<StoredRecords, FindingStepType>) {
      await deps.audit.append(trx, { ...event, actor: describeActor(actor), actorDetail: auditActorOf(actor) });
    },
  };
}
