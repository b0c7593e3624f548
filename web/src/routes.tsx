/** The pages and the addresses they answer (built in paths.ts). Engagement pages live under ENGAGEMENT_PAGES. */
import { Outlet, type RouteObject } from 'react-router';
import { Layout } from './components/Layout.js';
import { PageLoader } from './components/QueryFallback.js';
import { RequireSession } from './components/RequireSession.js';
import { HomePage } from './pages/home/HomePage.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { ENGAGEMENT_PAGES, INVITATION_PAGE, LOGIN_PAGE, PASSWORD_RESET_PAGE, SECTIONS, SETUP_PAGE, TRUST_DOWNLOAD_PAGE, TRUST_PAGE, TRUST_SUBSCRIPTION_PAGE } from './paths.js';

// Each page is its own chunk, loaded when first visited, so the dashboard does not wait for the others. While the
// first page's chunk loads, the frame (header, navigation) shows with a loader where the page will be.
const page = (load: () => Promise<{ Component: React.ComponentType }>) => ({ lazy: load, HydrateFallback: LoadingPage });
function LoadingPage() {
  return <PageLoader label="Loading the page" />;
}
// The dashboard is where people land: its code starts loading at once, beside the session check.
const dashboardCode = import('./pages/dashboard/DashboardPage.js');
const dashboard = page(() => dashboardCode.then((m) => ({ Component: m.DashboardPage })));
const criteria = page(() => import('./pages/criteria/CriteriaPage.js').then((m) => ({ Component: m.CriteriaPage })));
const controls = page(() => import('./pages/controls/ControlsPage.js').then((m) => ({ Component: m.ControlsPage })));
const control = page(() => import('./pages/controls/ControlPage.js').then((m) => ({ Component: m.ControlPage })));
const sampling = page(() => import('./pages/sampling/SamplingPage.js').then((m) => ({ Component: m.SamplingPage })));
const findings = page(() => import('./pages/findings/FindingsPage.js').then((m) => ({ Component: m.FindingsPage })));
const finding = page(() => import('./pages/findings/FindingPage.js').then((m) => ({ Component: m.FindingPage })));
const checks = page(() => import('./pages/checks/ChecksPage.js').then((m) => ({ Component: m.ChecksPage })));
const remediation = page(() => import('./pages/remediation/RemediationPage.js').then((m) => ({ Component: m.RemediationPage })));
const reports = page(() => import('./pages/reports/ReportsPage.js').then((m) => ({ Component: m.ReportsPage })));
const periods = page(() => import('./pages/periods/PeriodsPage.js').then((m) => ({ Component: m.PeriodsPage })));
const description = page(() => import('./pages/description/DescriptionPage.js').then((m) => ({ Component: m.DescriptionPage })));
const coverage = page(() => import('./pages/coverage/CoveragePage.js').then((m) => ({ Component: m.CoveragePage })));
const controlCoverage = page(() => import('./pages/coverage/ControlCoveragePage.js').then((m) => ({ Component: m.ControlCoveragePage })));
const rootCauses = page(() => import('./pages/root-causes/RootCausesPage.js').then((m) => ({ Component: m.RootCausesPage })));
const evidence = page(() => import('./pages/evidence/EvidencePage.js').then((m) => ({ Component: m.EvidencePage })));
const requests = page(() => import('./pages/evidence/RequestsPage.js').then((m) => ({ Component: m.RequestsPage })));
const risks = page(() => import('./pages/risks/RisksPage.js').then((m) => ({ Component: m.RisksPage })));
const risk = page(() => import('./pages/risks/RiskPage.js').then((m) => ({ Component: m.RiskPage })));
const vendors = page(() => import('./pages/vendors/VendorsPage.js').then((m) => ({ Component: m.VendorsPage })));
const settings = page(() => import('./pages/settings/SettingsPage.js').then((m) => ({ Component: m.SettingsPage })));
// Reached from a one-time link, signed in or not.
const invitation = page(() => import('./pages/invitation/InvitationPage.js').then((m) => ({ Component: m.InvitationPage })));
const setup = page(() => import('./pages/setup/SetupPage.js').then((m) => ({ Component: m.SetupPage })));
// The public trust page and its download links: anyone, signed in or not.
const publicTrust = page(() => import('./pages/trust/PublicTrustPage.js').then((m) => ({ Component: m.PublicTrustPage })));
const trustDownload = page(() => import('./pages/trust/TrustDownloadPage.js').then((m) => ({ Component: m.TrustDownloadPage })));
const trustSubscription = page(() => import('./pages/trust/TrustSubscriptionPage.js').then((m) => ({ Component: m.TrustSubscriptionPage })));
const resetPassword = page(() => import('./pages/reset-password/ResetPasswordPage.js').then((m) => ({ Component: m.ResetPasswordPage })));

export const routes: RouteObject[] = [
  { path: LOGIN_PAGE, element: <LoginPage /> },
  { path: INVITATION_PAGE, ...invitation },
  { path: PASSWORD_RESET_PAGE, ...resetPassword },
  { path: TRUST_PAGE, ...publicTrust },
  { path: TRUST_DOWNLOAD_PAGE, ...trustDownload },
  { path: TRUST_SUBSCRIPTION_PAGE, ...trustSubscription },
  {
    path: '/',
    element: (
      <RequireSession>
        <HomePage />
      </RequireSession>
    ),
  },
  {
    path: SETUP_PAGE,
    element: (
      <RequireSession>
        <Outlet />
      </RequireSession>
    ),
    children: [{ index: true, ...setup }],
  },
  {
    path: ENGAGEMENT_PAGES,
    element: (
      <RequireSession>
        <Layout />
      </RequireSession>
    ),
    children: [
      { index: true, ...dashboard },
      { path: SECTIONS.criteria, ...criteria },
      { path: SECTIONS.controls, ...controls },
      { path: `${SECTIONS.controls}/:controlId`, ...control },
      { path: SECTIONS.sampling, ...sampling },
      { path: SECTIONS.findings, ...findings },
      { path: `${SECTIONS.findings}/:findingCode`, ...finding },
      { path: SECTIONS.remediation, ...remediation },
      { path: SECTIONS.checks, ...checks },
      { path: SECTIONS.reports, ...reports },
      { path: SECTIONS.periods, ...periods },
      { path: SECTIONS.coverage, ...coverage },
      { path: SECTIONS.description, ...description },
      { path: `${SECTIONS.coverage}/:controlId`, ...controlCoverage },
      { path: SECTIONS.rootCauses, ...rootCauses },
      { path: SECTIONS.evidence, ...evidence },
      { path: SECTIONS.requests, ...requests },
      { path: SECTIONS.risks, ...risks },
      { path: `${SECTIONS.risks}/:riskCode`, ...risk },
      { path: SECTIONS.vendors, ...vendors },
      { path: SECTIONS.settings, ...settings },
    ],
  },
];
