/** The page addresses. Engagement pages live under /o/:organizationId/e/:engagementId. */
import type { RouteObject } from 'react-router';
import { Layout } from './components/Layout.js';
import { RequireSession } from './components/RequireSession.js';
import { ControlPage } from './pages/controls/ControlPage.js';
import { ControlsPage } from './pages/controls/ControlsPage.js';
import { CriteriaPage } from './pages/criteria/CriteriaPage.js';
import { DashboardPage } from './pages/dashboard/DashboardPage.js';
import { HomePage } from './pages/home/HomePage.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { SamplingPage } from './pages/sampling/SamplingPage.js';
import { SettingsPage } from './pages/settings/SettingsPage.js';

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <HomePage />
      </RequireSession>
    ),
  },
  {
    path: '/o/:organizationId/e/:engagementId',
    element: (
      <RequireSession>
        <Layout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'criteria', element: <CriteriaPage /> },
      { path: 'controls', element: <ControlsPage /> },
      { path: 'controls/:controlId', element: <ControlPage /> },
      { path: 'sampling', element: <SamplingPage /> },
      { path: 'settings', element: <SettingsPage /> },
    ],
  },
];
