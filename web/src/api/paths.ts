/**
 * Every address of the API the web calls, relative to `API_PREFIX`: built here, each segment encoded once.
 * The server's routes (src/server/routes) answer them.
 */
const seg = encodeURIComponent;

export const API_PREFIX = '/api/v1';

export const AUTH_API = {
  me: '/auth/me',
  login: '/auth/login',
  logout: '/auth/logout',
  password: '/auth/password',
  passwordReset: '/auth/password-reset',
  endAllSessions: '/auth/sessions/end-all',
} as const;

/** The invitee's side of an invitation link. */
export const INVITATION_LINK_API = {
  preview: '/invitations/preview',
  signUp: '/invitations/sign-up',
  accept: '/invitations/accept',
} as const;

export const ORGANIZATIONS_API = '/organizations';
/** What the setup page may offer the caller. */
export const SETUP_API = '/setup';

/** `path` with a query string of the values given; undefined and null values are left out. */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const search = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
    .map(([name, value]) => `${seg(name)}=${seg(String(value))}`)
    .join('&');
  if (search === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

export function organizationApi(organizationId: string) {
  const root = `${ORGANIZATIONS_API}/${seg(organizationId)}`;
  return {
    root,
    engagements: `${root}/engagements`,
    startEngagement: `${root}/engagements/starter`,
    starterControls: (engagementId: string) => `${root}/engagements/${seg(engagementId)}/starter-controls`,
    workspaceImport: `${root}/workspace-import`,
    engagement: (engagementId: string) => `${root}/engagements/${seg(engagementId)}`,
    restoreEngagement: (engagementId: string) => `${root}/engagements/${seg(engagementId)}/restore`,
    members: `${root}/members`,
    member: (userId: string) => `${root}/members/${seg(userId)}`,
    invitations: `${root}/invitations`,
    invitation: (invitationId: string) => `${root}/invitations/${seg(invitationId)}`,
    tokens: `${root}/tokens`,
    token: (tokenId: string) => `${root}/tokens/${seg(tokenId)}`,
    trust: `${root}/trust`,
    trustRequest: (requestId: string) => `${root}/trust/requests/${seg(requestId)}`,
  };
}

/** An organisation's public trust page, read and used without signing in. */
export function publicTrustApi(slug: string) {
  const root = `/public/trust/${seg(slug)}`;
  return { root, requests: `${root}/requests`, report: `${root}/report`, subscriptions: `${root}/subscriptions` };
}

/** What a finding holds under its own address. */
type FindingPart = 'significant-incident' | 'transitions' | 'corrective-actions' | 'retests' | 'root-cause' | 'override' | 'management-response' | 'steps';

export function engagementApi(organizationId: string, engagementId: string) {
  const root = organizationApi(organizationId).engagement(engagementId);
  const control = (controlId: string) => `${root}/controls/${seg(controlId)}`;
  const test = (controlId: string) => `${control(controlId)}/test`;
  const finding = (code: string) => `${root}/findings/${seg(code)}`;
  const check = (checkId: string) => `${root}/checks/${seg(checkId)}`;
  return {
    root,
    examination: `${root}/examination`,
    examinationHistory: `${root}/examination/history`,
    examinationChanges: `${root}/examination/changes`,
    whatIf: `${root}/examination/what-if`,
    afterRemediation: `${root}/examination/after-remediation`,
    comparison: `${root}/comparison`,
    coverage: `${root}/coverage`,
    description: `${root}/description`,
    controlCoverage: (controlId: string) => `${control(controlId)}/coverage`,
    evidenceContent: (evidenceId: string) => `${root}/evidence/${seg(evidenceId)}/content`,
    reExamination: `${root}/re-examination`,
    controls: `${root}/controls`,
    control,
    restoreControl: (controlId: string) => `${control(controlId)}/restore`,
    controlHistory: (controlId: string) => `${control(controlId)}/audit-events`,
    test,
    population: (controlId: string) => `${test(controlId)}/population`,
    samples: (controlId: string) => `${test(controlId)}/samples`,
    sample: (controlId: string, item: string) => `${test(controlId)}/samples/${seg(item)}`,
    findings: `${root}/findings`,
    findingsSync: `${root}/findings/sync`,
    findingsImport: `${root}/findings/import-oscal`,
    finding,
    findingPart: (code: string, part: FindingPart) => `${finding(code)}/${part}`,
    rootCauses: `${root}/root-causes`,
    systemicCauses: `${root}/root-causes/systemic`,
    remediation: `${root}/remediation`,
    remediationPlan: `${root}/remediation/plan`,
    reminders: `${root}/remediation/reminders`,
    otherInformation: `${root}/reports/other-information`,
    otherInformationSummary: `${root}/reports/other-information/summary`,
    reportDocuments: `${root}/reports/documents`,
    reportDocument: (jobId: string) => `${root}/reports/documents/${seg(jobId)}`,
    auditorsPackage: `${root}/reports/package`,
    assessmentResults: `${root}/oscal/assessment-results`,
    poam: `${root}/oscal/poam`,
    checks: `${root}/checks`,
    check,
    checkRuns: (checkId: string) => `${check(checkId)}/runs`,
    checkSchedule: (checkId: string) => `${check(checkId)}/schedule`,
    checkExport: (checkId: string, source: string) => `${check(checkId)}/sources/${seg(source)}/export`,
    evidence: `${root}/evidence`,
    evidenceRecord: (id: string) => `${root}/evidence/${seg(id)}`,
    evidenceRequests: `${root}/evidence-requests`,
    evidenceRequest: (id: string) => `${root}/evidence-requests/${seg(id)}`,
    risks: `${root}/risks`,
    risk: (code: string) => `${root}/risks/${seg(code)}`,
    vendors: `${root}/vendors`,
    vendorReports: (code: string) => `${root}/vendors/${seg(code)}/reports`,
  };
}

export type EngagementApi = ReturnType<typeof engagementApi>;
