/**
 * The audit log's catalogue: every kind of event, what each one keeps before and after the change, and who
 * acted. The records an event keeps whole (a control, a finding, a membership) are the store's rows, so the
 * catalogue names them by kind ({@link AuditRecords}) and the services say which row each kind is.
 */
import type { Classification, ClassificationOverride, CorrectiveAction, FindingStatus, Retest } from './findings/model.js';
import type { ReminderOutcome } from './remediation/view.js';
import type { NotApplicableProposal } from './criteria/exclusions.js';
import type { TrustRequestRecord, TrustSnapshot } from './trust/index.js';

/** The kinds of event the audit log records: the API filters by them and the services write them. */
export const AUDIT_EVENT_TYPES = [
  'organization.created',
  'organization.updated',
  'member.added',
  'member.role_changed',
  'member.removed',
  'user.created',
  'user.password_changed',
  'user.password_reset_issued',
  'user.password_reset',
  'user.deactivated',
  'user.reactivated',
  'user.instance_admin_changed',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'session.created',
  'session.ended',
  'session.ended_everywhere',
  'token.created',
  'token.revoked',
  'engagement.created',
  'engagement.updated',
  // `engagement.removed` and `control.removed`: deletions from before archiving; older logs hold them.
  'engagement.removed',
  'engagement.imported',
  'engagement.archived',
  'engagement.restored',
  'engagement.purged',
  'control.created',
  'control.updated',
  'control.removed',
  'control.archived',
  'control.restored',
  'control.purged',
  'test.recorded',
  'test.removed',
  'test.superseded',
  'population.recorded',
  'sample.added',
  'sample.recorded',
  'finding.created',
  'finding.reopened',
  'finding.forecast_updated',
  'finding.transitioned',
  'finding.actions_updated',
  'finding.retested',
  'finding.root_cause_set',
  'finding.imported',
  'oscal.imported',
  'remediation.plan_updated',
  'remediation.reminders_sent',
  'finding.overridden',
  'management_response.drafted',
  'management_response.edited',
  'management_response.approved',
  'root_cause.created',
  'criterion.exclusion_proposed',
  'criterion.exclusion_accepted',
  'criterion.exclusion_rejected',
  'evidence.added',
  'evidence.superseded',
  'evidence.removed',
  'evidence_request.created',
  'evidence_request.imported',
  'evidence_request.answered',
  'evidence_request.accepted',
  'evidence_request.returned',
  'checks.replaced',
  'check.source_attached',
  'package.exported',
  'check.scheduled',
  'check.ran',
  'finding.items_added',
  'report.generated',
  'trust.published',
  'trust.unpublished',
  'trust.report_uploaded',
  'trust.nda_versioned',
  'trust_request.approved',
  'trust_request.rejected',
  'trust_request.revoked',
  'description.updated',
  'finding.incident_marked',
  'risk.created',
  'risk.updated',
  'vendor.created',
  'vendor.updated',
  'vendor.report_recorded',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/**
 * Events that record something produced from an engagement (a document, a package for a reviewer), not a change
 * to it: the changes a bridge letter lists leave them out.
 */
export const PRODUCED_EVENT_TYPES: ReadonlySet<AuditEventType> = new Set(['report.generated', 'package.exported']);

/** The kinds of record events keep whole, as the store holds them. */
export interface AuditRecords {
  organization: object;
  user: object;
  membership: object;
  invitation: object;
  token: object;
  engagement: object;
  /** A purged engagement with all it held. */
  engagementRecord: object;
  /** What an import replaced and added, counted. */
  importCounts: object;
  /** What opening the next period carried forward, counted. */
  carriedCounts: object;
  control: object;
  /** A purged control with its test and samples. */
  controlRecord: object;
  test: object;
  sample: object;
  finding: object;
  rootCause: object;
  managementResponse: object;
  remediationPlan: object;
  evidence: object;
  evidenceRequest: object;
  /** An engagement's system description with its version. */
  description: object;
  risk: object;
  vendor: object;
  vendorReport: object;
}

/** What each step of a finding's work keeps beside the finding's status and version, before and after. */
export interface FindingStepDetails<R extends AuditRecords> {
  'finding.transitioned': { before: object; after: { reason: string | null; reasons: string[] } };
  'finding.actions_updated': { before: object; after: { correctiveActions: CorrectiveAction[]; dueBeforeIdentifiedReason?: string } };
  'finding.retested': { before: object; after: { retest: Pick<Retest, 'id' | 'control' | 'periodStart' | 'periodEnd' | 'conclusion'> } };
  'finding.root_cause_set': {
    before: { tracedTo: string | null; rootCause: R['rootCause'] | null };
    after: { tracedTo: string; rootCause: R['rootCause'] };
  };
  'finding.overridden': {
    before: object;
    after: { forecast: Pick<Classification, 'severity' | 'pervasive'>; override: ClassificationOverride | null; replaced: ClassificationOverride | null };
  };
}
export type FindingStepType = keyof FindingStepDetails<AuditRecords>;

/** A finding's status and version around a step of its work, with what the step was about. */
type FindingStep<Before, After> = {
  before: { status: FindingStatus; version: number } & Before;
  after: { status: FindingStatus; version: number } & After;
};
type FindingWork<R extends AuditRecords, T extends FindingStepType> = FindingStep<FindingStepDetails<R>[T]['before'], FindingStepDetails<R>[T]['after']>;

/** A sample as the events of a test keep it: the control it belongs to, and the test's version after the change. */
type RecordedSample<R extends AuditRecords> = R['sample'] & { control: string };

/** For each kind of event, what it keeps: the state before the change, after it, or both (none for a sign-in). */
export interface AuditPayloads<R extends AuditRecords> {
  'organization.created': { after: R['organization'] };
  'organization.updated': { before: R['organization']; after: R['organization'] };
  'member.added': { after: R['membership'] };
  'member.role_changed': { before: R['membership']; after: R['membership'] };
  'member.removed': { before: R['membership'] };
  'user.created': { after: R['user'] };
  'user.password_changed': { after: { sessionsEnded: number } };
  /** That a reset link exists and until when; never the link. */
  'user.password_reset_issued': { after: { expiresAt: string } };
  'user.password_reset': { after: { sessionsEnded: number } };
  'user.deactivated': AccountChange<R>;
  'user.reactivated': AccountChange<R>;
  'user.instance_admin_changed': AccountChange<R>;
  'invitation.created': { after: R['invitation'] };
  'invitation.revoked': { before: R['invitation'] };
  'invitation.accepted': { before: R['invitation'] };
  'session.created': Record<never, never>;
  'session.ended': Record<never, never>;
  'session.ended_everywhere': { after: { sessionsEnded: number } };
  'token.created': { after: R['token'] };
  'token.revoked': { before: R['token']; after: R['token'] };
  /** A new engagement; a next period also names the one it was carried from and what it carried. */
  'engagement.created': { after: R['engagement'] | (R['engagement'] & { carriedFrom: string; carried: R['carriedCounts'] }) };
  'engagement.updated': { before: R['engagement']; after: R['engagement'] };
  'engagement.removed': { before: R['engagement'] };
  'engagement.imported': { before: R['engagement'] | null; after: { engagement: R['engagement']; created: boolean } & R['importCounts'] };
  'engagement.archived': { before: R['engagement']; after: R['engagement'] };
  'engagement.restored': { before: R['engagement']; after: R['engagement'] };
  'engagement.purged': { before: R['engagementRecord'] };
  'control.created': { after: R['control'] };
  'control.updated': { before: R['control']; after: R['control'] };
  'control.removed': { before: R['control'] };
  'control.archived': { before: R['control']; after: R['control'] };
  'control.restored': { before: R['control']; after: R['control'] };
  'control.purged': { before: R['controlRecord'] };
  'test.recorded': { before: R['test'] | null; after: R['test'] };
  'test.removed': { before: R['test'] };
  /** A new test version: the previous test whole (its results and notes), the new one and why. */
  'test.superseded': { before: R['test']; after: R['test'] & { reason: string | null } };
  'population.recorded': { before: PopulationStatement; after: PopulationStatement };
  'sample.added': { after: RecordedSample<R> & { testVersion: number } };
  /** A sample's result or note changed; a changed result says why. */
  'sample.recorded': { before: RecordedSample<R>; after: RecordedSample<R> & { testVersion: number; reason: string | null } };
  'finding.created': { after: R['finding'] };
  'finding.imported': { after: R['finding'] & { importedFrom: OscalSource } };
  'finding.reopened': FindingStep<object, { reason: string | null }>;
  'finding.forecast_updated': { before: { classification: Classification }; after: { classification: Classification } };
  'finding.transitioned': FindingWork<R, 'finding.transitioned'>;
  'finding.actions_updated': FindingWork<R, 'finding.actions_updated'>;
  'finding.retested': FindingWork<R, 'finding.retested'>;
  'finding.root_cause_set': FindingWork<R, 'finding.root_cause_set'>;
  'finding.overridden': FindingWork<R, 'finding.overridden'>;
  /** The document, how many findings it brought, the root causes' codes and the first warnings (with their count). */
  'oscal.imported': { after: { source: OscalSource; findings: number; rootCauses: string[]; warnings: string[]; warningCount: number } };
  /** The plan before and after, its webhook address masked. */
  'remediation.plan_updated': { before: R['remediationPlan']; after: R['remediationPlan'] };
  'remediation.reminders_sent': { after: ReminderOutcome & { today: string; webhook: string | null } };
  'management_response.drafted': ResponseChange<R>;
  'management_response.edited': ResponseChange<R>;
  'management_response.approved': ResponseChange<R>;
  /** A root cause written on its own, before any finding is traced to it. */
  'root_cause.created': { after: R['rootCause'] };
  /** Management's proposal that a criterion does not apply, with its reason: pending until the auditor decides. */
  'criterion.exclusion_proposed': { after: NotApplicableProposal };
  /** The auditor's (or, without one, an admin's) decision on a proposal: the proposal before and as decided. */
  'criterion.exclusion_accepted': { before: NotApplicableProposal; after: NotApplicableProposal };
  'criterion.exclusion_rejected': { before: NotApplicableProposal; after: NotApplicableProposal };
  'evidence.added': { after: R['evidence'] };
  /** The record replaced (before it was marked) and the one replacing it. */
  'evidence.superseded': { before: R['evidence']; after: R['evidence'] };
  /** A deletion keeps the record whole, its hash with it, and why. */
  'evidence.removed': { before: R['evidence']; after: { sha256: string; reason: string | null } };
  'evidence_request.created': { after: R['evidenceRequest'] };
  /** Requests brought in from the auditor's list: their ids, those created and those it changed. */
  'evidence_request.imported': { after: { created: string[]; updated: string[] } };
  'evidence_request.answered': { before: R['evidenceRequest']; after: R['evidenceRequest'] };
  'evidence_request.accepted': { before: R['evidenceRequest']; after: R['evidenceRequest'] };
  'evidence_request.returned': { before: R['evidenceRequest']; after: R['evidenceRequest'] };
  /** An import's checks: how many were added, rewritten and retired (a retired check keeps its runs). */
  'checks.replaced': { after: { added: number; updated: number; retired: number } };
  /** An export attached to a check's source: the evidence record and the bytes' hash. */
  'check.source_attached': { after: { check: string; source: string; evidenceId: string; sha256: string; fileName: string } };
  /** An auditor's package handed out: its manifest's SHA-256 (which vouches for every file in it), and what it holds. */
  'package.exported': { after: { manifestSha256: string; generatedAt: string; auditLogHead: string | null; files: number; evidenceFiles: number; bytes: number } };
  'check.scheduled': { before: { schedule: string | null }; after: { schedule: string | null; nextDueAt: string | null } };
  /** A run kept: its outcome, what it read, and the finding it opened, updated or retested. */
  'check.ran': { after: { check: string; run: string; trigger: string; asOf: string; status: string; population: number; failures: number; finding: string | null } };
  /** A failing check's items the finding did not hold yet, added to its deviations. */
  'finding.items_added': { after: { check: string; run: string; items: string[] } };
  /**
   * A document asked for: the job rendering it (null when rendered at once at the command line, with no job), which
   * document, in which format, and the bridge letter's end.
   */
  'report.generated': { after: { job: string | null; type: string; format: string; bridgeTo: string | null } };
  /** The trust page's snapshot as the public now sees it, and the one it replaced. */
  'trust.published': { before: TrustSnapshot | null; after: TrustSnapshot };
  'trust.unpublished': { before: TrustSnapshot };
  'trust.report_uploaded': { after: { reportId: string; sha256: string; fileName: string; size: number; engagementId: string } };
  'trust.nda_versioned': { after: { version: number; sha256: string } };
  'trust_request.approved': { before: TrustRequestRecord; after: TrustRequestRecord };
  'trust_request.rejected': { before: TrustRequestRecord; after: TrustRequestRecord };
  'trust_request.revoked': { before: TrustRequestRecord; after: TrustRequestRecord };
  /** The system description as it was (null: the first) and as edited. */
  'description.updated': { before: R['description'] | null; after: R['description'] };
  /** A finding marked, or no longer marked, a significant incident the description must disclose. */
  'finding.incident_marked': { before: { significantIncident: boolean; version: number }; after: { significantIncident: boolean; version: number } };
  'risk.created': { after: R['risk'] };
  'risk.updated': { before: R['risk']; after: R['risk'] };
  'vendor.created': { after: R['vendor'] };
  'vendor.updated': { before: R['vendor']; after: R['vendor'] };
  /** A vendor's SOC 2 report recorded, with the codes of the risks it raised. */
  'vendor.report_recorded': { after: R['vendorReport'] & { vendor: string; raised: string[] } };
}

/** An account changed by the operator: the account before, and after with how many of its sessions ended. */
type AccountChange<R extends AuditRecords> = { before: R['user']; after: R['user'] & { sessionsEnded: number } };

/** A management response: a first draft has none before it. */
type ResponseChange<R extends AuditRecords> = { before?: R['managementResponse']; after: R['managementResponse'] };

/** The OSCAL document findings were imported from. */
interface OscalSource {
  model: 'assessment-results' | 'plan-of-action-and-milestones';
  documentUuid: string;
  title: string;
}

/** A test's population as stated: its size, or why it could not be produced. */
interface PopulationStatement {
  control: string;
  populationSize: number | null;
  scopeLimitation: string | null;
  version: number;
}

/** A step of a finding's work as a service records it, for a step known only as one of several. */
export type FindingStepEventOf<R extends AuditRecords, T extends FindingStepType> = {
  type: T;
  organizationId: string | null;
  subject: string;
} & FindingWork<R, T>;

/** One event as a service records it: its kind, where and what it happened to, and that kind's payload. */
export type AuditEventOf<R extends AuditRecords, T extends AuditEventType = AuditEventType> = {
  [K in T]: {
    type: K;
    organizationId: string | null;
    /** What it happened to: `<kind>:<id>`, e.g. `control:3f1…`. */
    subject: string;
  } & AuditPayloads<R>[K];
}[T];

/**
 * Who acted, as the audit log keeps it: a person signed in, a person's API token (its work is theirs, the token
 * named), or the operator at the command line.
 */
export type AuditActor =
  | { kind: 'user'; userId: string; email: string }
  | { kind: 'token'; tokenId: string; name: string; userId: string; email: string }
  | { kind: 'operator' };

/**
 * Who acted, as an event read back names it. Events recorded before the log kept the actor whole name it in
 * words only (`user:<email>`, `user:<email> via token:<name> (<id>)`, older still `token:<name> (<id>)`,
 * `operator:cli`): what the words do not say (the person's id) is null.
 */
export type RecordedActor =
  | { kind: 'user'; userId: string | null; email: string }
  | { kind: 'token'; tokenId: string; name: string; userId: string | null; email: string | null }
  | { kind: 'operator' };

/** The actor in words, as the log's `actor` text has always written it. */
export function actorText(actor: AuditActor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.email}`;
    case 'token':
      return `user:${actor.email} via token:${actor.name} (${actor.tokenId})`;
    case 'operator':
      return 'operator:cli';
  }
}

/** The actor of an event recorded before the log kept it whole, read from its words; null for words of no known form. */
export function actorFromText(text: string): RecordedActor | null {
  const viaToken = /^user:(.+) via token:(.*) \(([^()]*)\)$/s.exec(text);
  if (viaToken) return { kind: 'token', tokenId: viaToken[3] as string, name: viaToken[2] as string, userId: null, email: viaToken[1] as string };
  const token = /^token:(.*) \(([^()]*)\)$/s.exec(text);
  if (token) return { kind: 'token', tokenId: token[2] as string, name: token[1] as string, userId: null, email: null };
  if (text.startsWith('user:') && text.length > 'user:'.length) return { kind: 'user', userId: null, email: text.slice('user:'.length) };
  if (text === 'operator:cli') return { kind: 'operator' };
  return null;
}
