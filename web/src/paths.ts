/**
 * Every page's address, in one place: routes.tsx matches these patterns and every link is built here, each
 * segment encoded once. (The API's addresses are in api/paths.ts.)
 */
import { INVITATION_PAGE, PASSWORD_RESET_PAGE } from '@assay/domain/accounts/links.js';
import { useScope } from './api/programme.js';

const seg = encodeURIComponent;

export { INVITATION_PAGE, PASSWORD_RESET_PAGE };
export const LOGIN_PAGE = '/login';
/** The API's documentation (Swagger UI over the OpenAPI document), served by the server beside the app. */
export const API_DOCS = '/api/docs';

/** The home page, which opens an organisation's first engagement (that of `organizationId` when given). */
export function homePage(organizationId?: string): string {
  return organizationId === undefined ? '/' : `/?organization=${seg(organizationId)}`;
}

/** Setting up: an organisation, its first engagement (or another, for `organizationId`). */
export const SETUP_PAGE = '/setup';
/** An organisation's public trust page, and the page its download links open (`…/download#<secret>`). */
export const TRUST_PAGE = '/trust/:slug';
export const TRUST_DOWNLOAD_PAGE = '/trust/:slug/download';
/** The page a subscription's confirm and unsubscribe links open (`…/subscription#confirm=<secret>`). */
export const TRUST_SUBSCRIPTION_PAGE = '/trust/:slug/subscription';
export const trustPage = (slug: string) => `/trust/${encodeURIComponent(slug)}`;

export function setupPage(organizationId?: string): string {
  return organizationId === undefined ? SETUP_PAGE : `${SETUP_PAGE}?organization=${seg(organizationId)}`;
}

/** The pattern every engagement page lives under; the dashboard is at its root. */
export const ENGAGEMENT_PAGES = '/o/:organizationId/e/:engagementId';

/** An engagement's sections: each a segment under the engagement's root. */
export const SECTIONS = {
  criteria: 'criteria',
  controls: 'controls',
  sampling: 'sampling',
  findings: 'findings',
  rootCauses: 'root-causes',
  remediation: 'remediation',
  checks: 'checks',
  reports: 'reports',
  periods: 'periods',
  evidence: 'evidence',
  requests: 'evidence-requests',
  coverage: 'coverage',
  description: 'description',
  risks: 'risks',
  vendors: 'vendors',
  settings: 'settings',
} as const;
export type Section = keyof typeof SECTIONS;

/** The root of an engagement's pages: `/o/:organizationId/e/:engagementId`, its dashboard. */
export function engagementRoot(organizationId: string, engagementId: string): string {
  return `/o/${seg(organizationId)}/e/${seg(engagementId)}`;
}

/** The root of the engagement the page's address names. */
export function useEngagementRoot(): string {
  const { organizationId, engagementId } = useScope();
  return engagementRoot(organizationId, engagementId);
}

export function sectionPage(root: string, section: Section): string {
  return `${root}/${SECTIONS[section]}`;
}

export function controlPage(root: string, controlId: string): string {
  return `${sectionPage(root, 'controls')}/${seg(controlId)}`;
}

export function findingPage(root: string, code: string): string {
  return `${sectionPage(root, 'findings')}/${seg(code)}`;
}

/** The risk register, opened on the form to raise a risk from `finding` when given. */
export function risksPage(root: string, finding?: string): string {
  return `${sectionPage(root, 'risks')}${finding === undefined ? '' : `?finding=${seg(finding)}`}`;
}

export function riskPage(root: string, code: string): string {
  return `${sectionPage(root, 'risks')}/${seg(code)}`;
}

/** Period coverage: the whole engagement's calendar, or one control's. */
export function coveragePage(root: string, controlId?: string): string {
  return `${sectionPage(root, 'coverage')}${controlId === undefined ? '' : `/${seg(controlId)}`}`;
}

/** The criteria matrix, filtered by `search` (a query string without its `?`; see criteria/filters.ts). */
export function criteriaPage(root: string, search = ''): string {
  return `${sectionPage(root, 'criteria')}${search ? `?${search}` : ''}`;
}

/** The sampling page, with a control chosen when given. */
export function samplingPage(root: string, controlId?: string): string {
  return `${sectionPage(root, 'sampling')}${controlId === undefined ? '' : `?control=${seg(controlId)}`}`;
}
