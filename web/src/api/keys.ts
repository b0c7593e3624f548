/**
 * Every query's key, in one place. Keys nest, so a change invalidates a whole part by its prefix: everything of
 * an organisation starts with `organization(o)`, everything of an engagement with `engagement(o, e)`, the
 * examination and what is derived from it with `examination(o, e)`, and what a change of findings can move
 * with `findingsPart(o, e)`.
 */
const organization = (organizationId: string) => ['organization', organizationId] as const;
const engagement = (organizationId: string, engagementId: string) => [...organization(organizationId), 'engagement', engagementId] as const;
const examination = (organizationId: string, engagementId: string) => [...engagement(organizationId, engagementId), 'examination'] as const;
const findingsPart = (organizationId: string, engagementId: string) => [...engagement(organizationId, engagementId), 'findings'] as const;
const audit = (organizationId: string) => [...organization(organizationId), 'audit'] as const;

export const keys = {
  me: ['me'] as const,
  organizations: ['organizations'] as const,
  /** What an invitation link invites to; keyed by nothing secret (one page shows one link). */
  invitationPreview: ['invitation-preview'] as const,

  organization,
  /** The organisation's engagements: in use, or only the archived ones (without `archived`: both lists). */
  engagements: (organizationId: string, archived?: boolean) =>
    archived === undefined
      ? ([...organization(organizationId), 'engagements'] as const)
      : ([...organization(organizationId), 'engagements', archived ? 'archived' : 'in use'] as const),
  members: (organizationId: string) => [...organization(organizationId), 'members'] as const,
  tokens: (organizationId: string) => [...organization(organizationId), 'tokens'] as const,
  invitations: (organizationId: string) => [...organization(organizationId), 'invitations'] as const,
  /** The trust page as its admin sees it, its requests among it. */
  trust: (organizationId: string) => [...organization(organizationId), 'trust'] as const,
  /** A published trust page, as anyone sees it. */
  publicTrust: (slug: string) => ['public-trust', slug] as const,
  /** The audit log's events of the organisation, a control's history among them. */
  audit,
  /** The engagement's report jobs, and one job as it renders. */
  reportJobs: (organizationId: string, engagementId: string) => [...engagement(organizationId, engagementId), 'report-jobs'] as const,
  /** The engagement's evidence records and the requests answered with them. */
  evidence: (organizationId: string, engagementId: string) => [...engagement(organizationId, engagementId), 'evidence'] as const,
  controlHistory: (organizationId: string, engagementId: string, controlId: string) =>
    [...audit(organizationId), 'control', engagementId, controlId] as const,

  engagement,
  /** The engagement's own record (its settings). */
  settings: (organizationId: string, engagementId: string) => [...engagement(organizationId, engagementId), 'settings'] as const,
  /** The engine's result and what is derived from it: a change of anything the engine reads invalidates them all. */
  examination,
  history: (organizationId: string, engagementId: string) => [...examination(organizationId, engagementId), 'history'] as const,
  /** The system description with its warnings: under the examination, as the findings' incidents and the opinion move it. */
  description: (organizationId: string, engagementId: string) => [...examination(organizationId, engagementId), 'description'] as const,
  changes: (organizationId: string, engagementId: string, sinceDays: number) =>
    [...examination(organizationId, engagementId), 'changes', sinceDays] as const,
  /** What to fix first: each deficient control assumed effective. */
  whatIf: (organizationId: string, engagementId: string) => [...examination(organizationId, engagementId), 'what-if'] as const,
  /** This period against another (null: its previous period). */
  comparison: (organizationId: string, engagementId: string, other: string | null) =>
    [...examination(organizationId, engagementId), 'comparison', other ?? 'previous'] as const,
  /** Period coverage, read from the evidence the examination reads too. */
  coverage: (organizationId: string, engagementId: string) => [...examination(organizationId, engagementId), 'coverage'] as const,
  controlCoverage: (organizationId: string, engagementId: string, controlId: string) =>
    [...examination(organizationId, engagementId), 'coverage', controlId] as const,
  /** The risk register: its residual risks follow the examination (and monitoring, whose runs refresh the examination's part too). */
  risks: (organizationId: string, engagementId: string) => [...examination(organizationId, engagementId), 'risks'] as const,
  /** The vendors: under the examination too, as their reports raise risks into the register. */
  vendors: (organizationId: string, engagementId: string) => [...examination(organizationId, engagementId), 'vendors'] as const,
  /** The engagement's controls: in use, or only the archived ones (without `archived`: both lists). */
  controls: (organizationId: string, engagementId: string, archived?: boolean) =>
    archived === undefined
      ? ([...engagement(organizationId, engagementId), 'controls'] as const)
      : ([...engagement(organizationId, engagementId), 'controls', archived ? 'archived' : 'in use'] as const),
  control: (organizationId: string, engagementId: string, controlId: string) =>
    [...engagement(organizationId, engagementId), 'control', controlId] as const,
  test: (organizationId: string, engagementId: string, controlId: string) =>
    [...engagement(organizationId, engagementId), 'test', controlId] as const,

  /** Findings and what a change of them can move: root causes, the plan, responses, reports, the forecast after remediation. */
  findingsPart,
  findings: (organizationId: string, engagementId: string, status: string | null) =>
    [...findingsPart(organizationId, engagementId), 'list', status] as const,
  controlFindings: (organizationId: string, engagementId: string, controlId: string) =>
    [...findingsPart(organizationId, engagementId), 'control', controlId] as const,
  finding: (organizationId: string, engagementId: string, code: string) =>
    [...findingsPart(organizationId, engagementId), 'finding', code] as const,
  findingSteps: (organizationId: string, engagementId: string, code: string) =>
    [...findingsPart(organizationId, engagementId), 'steps', code] as const,
  managementResponse: (organizationId: string, engagementId: string, code: string) =>
    [...findingsPart(organizationId, engagementId), 'management-response', code] as const,
  otherInformation: (organizationId: string, engagementId: string) =>
    [...findingsPart(organizationId, engagementId), 'other-information'] as const,
  rootCauses: (organizationId: string, engagementId: string) => [...findingsPart(organizationId, engagementId), 'root-causes'] as const,
  systemicCauses: (organizationId: string, engagementId: string) =>
    [...findingsPart(organizationId, engagementId), 'root-causes', 'systemic'] as const,
  remediation: (organizationId: string, engagementId: string) => [...findingsPart(organizationId, engagementId), 'remediation'] as const,
  /** Monitoring's checks: under the findings' part, as a run opens, retests or reopens a finding. */
  checks: (organizationId: string, engagementId: string) => [...findingsPart(organizationId, engagementId), 'checks'] as const,
  checkRuns: (organizationId: string, engagementId: string, checkId: string) => [...findingsPart(organizationId, engagementId), 'checks', checkId, 'runs'] as const,
  afterRemediation: (organizationId: string, engagementId: string) =>
    [...findingsPart(organizationId, engagementId), 'after-remediation'] as const,
};
