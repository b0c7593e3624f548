/** Test support for the corrective actions page and the dashboard's card: a fixed view and a stubbed API. */
import type { RemediationView } from '../../api/remediation.js';
import type { Role } from '../../api/types.js';
import { MAX_PAGE_SIZE } from '@assay/contract/limits.js';
import { firstPage, stubFetch, type Answer, type Call } from '../../testing.js';

export const ORG = 'org-1';
export const ENG = 'eng-1';
export const ROOT = `/o/${ORG}/e/${ENG}`;
export const API = `/api/v1/organizations/${ORG}/engagements/${ENG}`;

const action = (id: string, due: string | null, status: 'planned' | 'done' = 'planned') => ({
  id,
  title: `Action ${id}`,
  owner: 'it-ops@acme.example',
  due,
  status,
  completedOn: status === 'done' ? '2026-08-10' : null,
  evidence: [],
  verification: null,
});

export function fixtureView(overrides: Partial<RemediationView> = {}): RemediationView {
  return {
    plan: { targetDate: '2026-08-31', webhookUrl: null, dueSoonDays: 14, version: 2 },
    today: '2026-08-15',
    actions: [
      { finding: 'F-AC-04', findingTitle: 'Leavers kept access', action: action('CA-1', '2026-08-01'), state: 'overdue', daysLate: 14, daysLeft: null },
      { finding: 'F-CM-01', findingTitle: 'Changes unapproved', action: action('CA-2', '2026-08-20'), state: 'due_soon', daysLate: null, daysLeft: 5 },
      { finding: 'F-AC-04', findingTitle: 'Leavers kept access', action: action('CA-3', '2026-08-12', 'done'), state: 'done', daysLate: null, daysLeft: null },
    ],
    counts: { total: 3, done: 1, overdue: 1, dueSoon: 1 },
    burndown: {
      start: '2026-08-01',
      target: '2026-08-31',
      points: [
        { date: '2026-08-01', remaining: 3, ideal: 3 },
        { date: '2026-08-10', remaining: 2, ideal: 2.1 },
        { date: '2026-08-15', remaining: 2, ideal: 1.6 },
        { date: '2026-08-31', remaining: null, ideal: 0 },
      ],
    },
    ...overrides,
  };
}

/** Answers the session, the organisation (with `role`) and the remediation view; `overrides` by `METHOD path`. */
export function stubRemediation(role: Role, view: RemediationView = fixtureView(), overrides: Record<string, Answer> = {}): Call[] {
  return stubFetch(
    {
      'GET /api/v1/auth/me': { status: 200, body: { kind: 'user', user: { id: 'u1', email: 'a@example.com', displayName: 'A' }, csrfToken: 't' } },
      'GET /api/v1/organizations': { status: 200, body: { items: [{ id: ORG, slug: 'acme', name: 'Acme', role, version: 1 }] } },
      [`GET ${firstPage(`${API}/remediation`)}`]: { status: 200, body: { ...view, total: view.actions.length, limit: MAX_PAGE_SIZE, offset: 0 } },
    },
    overrides,
  );
}
