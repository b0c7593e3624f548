/**
 * Enumerated values in words, in one place for the web: every value the API sends (conclusions, statuses,
 * severities, sources, methods …) with its words here, the domain's category, frequency and role names (which the
 * server's renderers use too), and the web's own (what each role may do, the lifecycle's steps). A test holds
 * every enumeration of the domain to having its words here.
 */
import { ROLES, type Role } from '@assay/domain/access/permissions.js';
import type { InvitationStatus } from '@assay/domain/accounts/invitation.js';
import type { SubscriptionKind, SubscriptionStatus, TrustRequestStatus } from '@assay/domain/trust/index.js';
import type { ProposalDecision, ProposalStatus } from '@assay/domain/criteria/exclusions.js';
import type { EvidenceSource, EvidenceState, RequestStatus } from '@assay/domain/evidence/index.js';
import type { DesignAssessment, Nature, ReportType, SampleResult, TestMethod } from '@assay/domain/engagement.js';
import type { ControlConclusion, CriterionStatus, FailureKind, OpinionKind, Severity } from '@assay/domain/evaluation/result.js';
import type { ComponentKind, DescriptionSection, DescriptionWarningKind, SubserviceMethod } from '@assay/domain/description/index.js';
import type { ResponseStatus } from '@assay/domain/findings/management-response.js';
import type { ActionStatus, FindingSource, FindingStatus, RootCauseCategory, VerificationResult } from '@assay/domain/findings/model.js';
import type { CheckStatus } from '@assay/domain/monitoring/model.js';
import type { CheckRunTrigger } from '@assay/domain/monitoring/schedule.js';
import type { OccurrenceStatus } from '@assay/domain/coverage/coverage.js';
import type { ALERT_SEVERITIES } from '@assay/domain/monitoring/vulnerability-sla.js';
import type { PeriodChange } from '@assay/domain/periods/compare.js';
import type { DocumentFormat, DocumentType, ReportJobStatus } from '@assay/domain/reports/documents.js';
import type { ReadinessActionKind } from '@assay/domain/readiness/actions.js';
import type { ActionState } from '@assay/domain/remediation/actions.js';
import type { ReminderDelivery } from '@assay/domain/remediation/view.js';
import type { RiskFlag, RiskLevel, RiskTreatment } from '@assay/domain/risks/index.js';
import type { VendorCriticality, VendorRiskReason } from '@assay/domain/vendors/index.js';
import { CATEGORY_NAMES, FREQUENCY_NAMES, ROLE_NAMES, words } from '@assay/domain/format.js';
import { withArticle } from '@assay/domain/words.js';
import { LOCALE_NAMES, LOCALES, type Locale } from '@assay/domain/locales.js';

/** Each enumeration's words, lower case as they read inside a sentence; badges set their own case. */
const ENUMERATIONS = {
  conclusion: {
    effective: 'effective',
    effective_with_exceptions: 'effective with exceptions',
    not_effective: 'not effective',
    design_deficiency: 'design deficiency',
    not_tested: 'not tested',
  } satisfies Record<ControlConclusion, string>,
  criterionStatus: {
    met: 'met',
    met_with_exceptions: 'met with exceptions',
    unable_to_conclude: 'unable to conclude',
    not_met: 'not met',
    not_applicable: 'not applicable',
  } satisfies Record<CriterionStatus, string>,
  severity: {
    deficiency: 'deficiency',
    significant_deficiency: 'significant deficiency',
    material_weakness: 'material weakness',
  } satisfies Record<Severity, string>,
  opinion: { unmodified: 'unmodified', qualified: 'qualified', adverse: 'adverse', disclaimer: 'disclaimer' } satisfies Record<OpinionKind, string>,
  failureKind: { design: 'design', operating: 'operating' } satisfies Record<FailureKind, string>,
  reportType: { type1: 'Type 1', type2: 'Type 2' } satisfies Record<ReportType, string>,
  nature: { manual: 'manual', automated: 'automated' } satisfies Record<Nature, string>,
  design: { effective: 'effective', deficient: 'deficient' } satisfies Record<DesignAssessment, string>,
  method: { inquiry: 'inquiry', observation: 'observation', inspection: 'inspection', reperformance: 'reperformance' } satisfies Record<TestMethod, string>,
  sampleResult: { pass: 'pass', fail: 'fail' } satisfies Record<SampleResult, string>,
  findingSource: {
    deficiency: 'deficiency',
    readiness_gap: 'readiness gap',
    auditor_observation: 'auditor observation',
    self_identified: 'self-identified',
    monitoring: 'monitoring',
  } satisfies Record<FindingSource, string>,
  findingStatus: {
    open: 'open',
    analysing: 'analysing',
    remediating: 'remediating',
    ready_for_retest: 'ready for retest',
    closed: 'closed',
    risk_accepted: 'risk accepted',
    false_positive: 'false positive',
  } satisfies Record<FindingStatus, string>,
  rootCause: {
    people: 'people',
    process: 'process',
    technology: 'technology',
    third_party: 'third party',
    design_gap: 'design gap',
    monitoring_gap: 'monitoring gap',
  } satisfies Record<RootCauseCategory, string>,
  actionStatus: { planned: 'planned', in_progress: 'in progress', done: 'done' } satisfies Record<ActionStatus, string>,
  verification: { effective: 'effective', ineffective: 'ineffective' } satisfies Record<VerificationResult, string>,
  actionState: { overdue: 'overdue', due_soon: 'due soon', on_track: 'on track', done: 'done', undated: 'no due date' } satisfies Record<ActionState, string>,
  reminder: { delivered: 'delivered', failed: 'failed', nothing_to_send: 'nothing to send' } satisfies Record<ReminderDelivery, string>,
  responseStatus: { draft: 'draft', approved: 'approved' } satisfies Record<ResponseStatus, string>,
  invitation: { pending: 'pending', accepted: 'accepted', revoked: 'revoked', expired: 'expired' } satisfies Record<InvitationStatus, string>,
  trustRequest: { pending: 'pending', approved: 'approved', rejected: 'rejected', revoked: 'revoked' } satisfies Record<TrustRequestStatus, string>,
  subscriptionKind: { email: 'e-mail', webhook: 'webhook' } satisfies Record<SubscriptionKind, string>,
  subscriptionStatus: { pending: 'pending', active: 'active', unsubscribed: 'unsubscribed' } satisfies Record<SubscriptionStatus, string>,
  periodChange: { better: 'better', worse: 'worse', same: 'same', added: 'added', removed: 'removed' } satisfies Record<PeriodChange, string>,
  checkStatus: { pass: 'pass', fail: 'fail', empty: 'empty', error: 'error' } satisfies Record<CheckStatus, string>,
  checkRunTrigger: { on_demand: 'on demand', schedule: 'scheduled' } satisfies Record<CheckRunTrigger, string>,
  proposal: { pending: 'pending', accepted: 'accepted', rejected: 'rejected' } satisfies Record<ProposalStatus, string>,
  proposalDecision: { accept: 'accept', reject: 'reject' } satisfies Record<ProposalDecision, string>,
  occurrence: { evidenced: 'evidenced', missing: 'missing', not_tracked: 'not tracked' } satisfies Record<OccurrenceStatus, string>,
  alertSeverity: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' } satisfies Record<(typeof ALERT_SEVERITIES)[number], string>,
  evidenceSource: { upload: 'uploaded', export: 'exported', 'check-run': 'check run' } satisfies Record<EvidenceSource, string>,
  evidenceState: { current: 'current', superseded: 'superseded', deleted: 'deleted' } satisfies Record<EvidenceState, string>,
  requestStatus: { open: 'open', answered: 'answered', accepted: 'accepted', returned: 'returned' } satisfies Record<RequestStatus, string>,
  documentType: {
    'soc2-draft': 'SOC 2 report draft',
    readiness: 'readiness assessment',
    'customer-letter': 'customer letter',
    'bridge-letter': 'bridge letter',
    stakeholder: 'stakeholder pack',
    'risk-assessment': 'annual risk assessment',
    workpapers: 'workpapers',
  } satisfies Record<DocumentType, string>,
  documentFormat: { pdf: 'PDF', html: 'HTML', md: 'Markdown', xlsx: 'Excel workbook (XLSX)' } satisfies Record<DocumentFormat, string>,
  reportJobStatus: { running: 'running', done: 'done', failed: 'failed' } satisfies Record<ReportJobStatus, string>,
  readinessAction: {
    add_control: 'add a control',
    redesign_control: 'redesign the control',
    remediate_control: 'remediate and retest the control',
    test_control: 'test the control',
  } satisfies Record<ReadinessActionKind, string>,
  subserviceMethod: { carve_out: 'carve-out', inclusive: 'inclusive' } satisfies Record<SubserviceMethod, string>,
  component: { infrastructure: 'infrastructure', software: 'software', people: 'people', procedures: 'procedures', data: 'data' } satisfies Record<ComponentKind, string>,
  descriptionSection: {
    services: 'services provided',
    commitments: 'service commitments and system requirements',
    components: 'components of the system',
    incidents: 'significant incidents',
    changes: 'significant changes',
    subservice_organizations: 'subservice organisations',
    user_entity_controls: 'complementary user entity controls',
    not_applicable: 'criteria not applicable',
  } satisfies Record<DescriptionSection, string>,
  descriptionWarning: {
    empty_section: 'empty section',
    carve_out_without_csocs: 'carve-out without CSOCs',
    not_applicable_without_reason: 'not applicable without a reason',
    undisclosed_incident: 'undisclosed significant incident',
  } satisfies Record<DescriptionWarningKind, string>,
  riskTreatment: { mitigate: 'mitigate', accept: 'accept', transfer: 'transfer', avoid: 'avoid' } satisfies Record<RiskTreatment, string>,
  riskLevel: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' } satisfies Record<RiskLevel, string>,
  riskFlag: {
    acceptance_expired: 'acceptance expired',
    acceptance_missing: 'acceptance missing',
    review_overdue: 'review overdue',
  } satisfies Record<RiskFlag, string>,
  vendorCriticality: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' } satisfies Record<VendorCriticality, string>,
  vendorRiskReason: { modified_opinion: 'modified opinion', exceptions: 'exceptions', expired: 'expired' } satisfies Record<VendorRiskReason, string>,
} as const;

/** Every enumerated value's words by value; a value in several enumerations reads the same in each. */
export const LABELS: Readonly<Record<string, string>> = Object.assign({}, ...Object.values(ENUMERATIONS));

/** A status, conclusion, severity or other enumerated value in words: `self_identified` → `self-identified`. */
export function statusLabel(value: string): string {
  return LABELS[value] ?? words(value);
}

/** The opinion as the words after "the opinion becomes" name it: unmodified, qualified, adverse, a disclaimer. */
export function opinionPhrase(kind: OpinionKind): string {
  return kind === 'disclaimer' ? 'a disclaimer' : statusLabel(kind);
}

/** The opinion with its article and noun: "an unmodified opinion", "an adverse opinion", "a disclaimer of opinion". */
export function anOpinion(kind: OpinionKind): string {
  return kind === 'disclaimer' ? 'a disclaimer of opinion' : withArticle(`${statusLabel(kind)} opinion`);
}

/** `processing-integrity` → `Processing integrity` (an unknown category as it is written). */
export function categoryLabel(category: string): string {
  return CATEGORY_NAMES[category as keyof typeof CATEGORY_NAMES] ?? category;
}

export function frequencyLabel(frequency: string): string {
  return FREQUENCY_NAMES[frequency as keyof typeof FREQUENCY_NAMES] ?? frequency;
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = ROLE_NAMES;

/** What each role may do (DESIGN §6, the permission table), as a person chooses among them. */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: 'everything, including members and API tokens',
  compliance: 'manages the programme: engagements, controls, tests',
  owner: 'reads everything, edits the controls it owns',
  auditor: 'reads everything, records tests, samples and conclusions',
  viewer: 'reads',
};

/** The button that takes a finding to a status, in the words of the step. */
export const STEP_LABELS: Readonly<Record<FindingStatus, string>> = {
  open: 'Reopen',
  analysing: 'Start analysing',
  remediating: 'Start remediating',
  ready_for_retest: 'Ready for retest',
  closed: 'Close the finding',
  risk_accepted: 'Accept the risk',
  false_positive: 'Mark as false positive',
};

/** The options of a select: each value with its label (by default the value in words). */
export function optionsOf<T extends string>(values: readonly T[], label: (value: T) => string = statusLabel): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: label(value) }));
}

export const ROLE_OPTIONS = optionsOf(ROLES, (role) => ROLE_LABELS[role]);

/** A locale by its language and country: `de-DE` → "German (Germany)". */
export function localeLabel(locale: string): string {
  return LOCALE_NAMES[locale as Locale] ?? locale;
}

export const LOCALE_OPTIONS = optionsOf(LOCALES, localeLabel);
