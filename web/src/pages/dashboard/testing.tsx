/**
 * Test support for the dashboard and criteria pages: a fixed examination, engagement and history, a `fetch`
 * stub that answers the API's URLs with them, and a render inside the app's providers at an engagement route.
 */
import { findCriterion } from '@assay/domain/criteria/catalogue.js';
import type { ExaminationChanges, FixRanking, HistoryPoint } from '../../api/dashboard.js';
import { buildControlResult } from '@assay/domain/testing/builders.js';
import type { Engagement } from '../../api/programme.js';
import type { NotApplicableProposals } from '../../api/not-applicable.js';
import { vi } from 'vitest';
import { buildEngagement, stubFetch, type Answer, type Call } from '../../testing.js';

export { renderAt, type Answer, type Call } from '../../testing.js';
import type { ControlResult, CriterionResult, ExaminationResult, Role } from '../../api/types.js';

export const ORG = 'org-1';
export const ENG = 'eng-1';
export const ROOT = `/o/${ORG}/e/${ENG}`;
const API = `/api/v1/organizations/${ORG}/engagements/${ENG}`;

function criterion(id: string, status: CriterionResult['status'], controls: string[], extra: Partial<CriterionResult> = {}): CriterionResult {
  const series = id.split('.')[0] ?? id;
  return {
    id,
    title: findCriterion(id)?.title ?? id,
    series,
    category: series.startsWith('CC') ? 'security' : 'availability',
    status,
    failure: null,
    failures: [],
    controls,
    failingControls: [],
    reasons: [`Reason for ${id}`],
    ...extra,
  };
}

function control(id: string, conclusion: ControlResult['conclusion'], criteria: string[]): ControlResult {
  return buildControlResult({ id, criteria, key: true, conclusion });
}

export const BASIS = 'CC6.2 is not met: key control AC-04 did not operate effectively (2 of 25 samples failed).';

export function fixtureResult(): ExaminationResult {
  return {
    organization: 'Acme',
    system: 'Acme Cloud',
    reportType: 'type2',
    periodStart: '2025-01-01',
    periodEnd: '2025-06-30',
    categories: ['security', 'availability'],
    opinion: {
      overall: 'qualified',
      pervasive: false,
      basis: [BASIS],
      subjects: { description: 'unmodified', design: 'unmodified', operatingEffectiveness: 'qualified' },
    },
    controls: [
      control('GOV-01', 'effective', ['CC1.1']),
      control('AC-01', 'effective_with_exceptions', ['CC6.1']),
      control('AC-04', 'not_effective', ['CC6.2']),
      control('MON-02', 'not_tested', ['CC7.2']),
      control('BK-01', 'effective', ['A1.2']),
    ],
    criteria: [
      criterion('CC1.1', 'met', ['GOV-01']),
      criterion('CC6.1', 'met_with_exceptions', ['AC-01']),
      criterion('CC6.2', 'not_met', ['AC-04'], {
        failure: 'operating',
        failures: ['operating'],
        failingControls: ['AC-04'],
        reasons: ['AC-04 is not effective: 2 deviations in 25 samples'],
      }),
      criterion('CC7.2', 'unable_to_conclude', ['MON-02']),
      criterion('CC9.2', 'not_applicable', []),
      criterion('A1.2', 'met', ['BK-01']),
      criterion('A1.3', 'not_met', [], { failure: 'design', failures: ['design'] }),
    ],
    deficiencies: [
      { control: 'AC-04', kind: 'operating', severity: 'material_weakness', criteria: ['CC6.2'], criteriaNotMet: ['CC6.2'], reasons: [] },
      { control: 'AC-01', kind: 'operating', severity: 'deficiency', criteria: ['CC6.1'], criteriaNotMet: [], reasons: [] },
      { control: null, kind: 'design', severity: 'material_weakness', criteria: ['A1.3'], criteriaNotMet: ['A1.3'], reasons: [] },
    ],
  };
}

export function fixtureEngagement(): Engagement {
  return buildEngagement({
    id: ENG,
    organizationId: ORG,
    name: 'Acme 2025',
    periodStart: '2025-01-01',
    periodEnd: '2025-06-30',
    notApplicable: [{ criterion: 'CC9.2', reason: 'No vendors' }],
    createdAt: '2025-01-01T00:00:00.000Z',
    version: 7,
  });
}

/**
 * What to fix first in the fixture: AC-04 retested clean restores CC6.2, but A1.3 (nothing addresses it) keeps
 * the opinion qualified; AC-01's exceptions change nothing.
 */
export function fixtureWhatIf(): FixRanking {
  return {
    opinion: 'qualified',
    fixes: [
      {
        control: 'AC-04',
        conclusion: 'not_effective',
        severity: 'material_weakness',
        opinion: 'qualified',
        restores: ['CC6.2'],
        criteria: [{ id: 'CC6.2', before: 'not_met', after: 'met' }],
      },
      { control: 'AC-01', conclusion: 'effective_with_exceptions', severity: 'deficiency', opinion: 'qualified', restores: [], criteria: [] },
    ],
  };
}

/** A history point: `notMet` criteria not met and `weaknesses` material weaknesses, the rest met. */
export function point(takenAt: string, opinion: HistoryPoint['opinion'], notMet = 0, weaknesses = 0, met = 10): HistoryPoint {
  return {
    takenAt,
    revision: null,
    opinion,
    criteria: { met, met_with_exceptions: 0, unable_to_conclude: 0, not_met: notMet, not_applicable: 0 },
    deficiencies: { deficiency: 0, significant_deficiency: 0, material_weakness: weaknesses },
  };
}

/**
 * Stubs `fetch` with the fixtures; `overrides` answers a `METHOD path` (path after /api/v1, query included)
 * differently. Returns the calls made, to assert on what was sent.
 */
export function stubApi(options: {
  role: Role;
  history?: HistoryPoint[];
  changes?: ExaminationChanges;
  whatIf?: FixRanking;
  proposals?: NotApplicableProposals;
  overrides?: Record<string, Answer>;
}): Call[] {
  const answers: Record<string, Answer> = {
    'GET /api/v1/auth/me': { status: 200, body: { kind: 'user', user: { id: 'u1', email: 'a@example.com', displayName: 'A' }, csrfToken: 't' } },
    'GET /api/v1/organizations': { status: 200, body: { items: [{ id: ORG, slug: 'acme', name: 'Acme', role: options.role, version: 1 }] } },
    [`GET ${API}`]: { status: 200, body: fixtureEngagement() },
    [`GET ${API}/examination`]: { status: 200, body: fixtureResult() },
    [`GET ${API}/examination/history?limit=1000`]: {
      status: 200,
      body: { items: options.history ?? [], total: options.history?.length ?? 0, limit: 1000, offset: 0 },
    },
    [`GET ${API}/examination/changes?sinceDays=7`]: {
      status: 200,
      body: options.changes ?? { latest: point('2025-03-20T10:00:00.000Z', 'qualified'), baseline: null, fullPeriod: false, comparison: null },
    },
    [`GET ${API}/examination/what-if`]: { status: 200, body: options.whatIf ?? fixtureWhatIf() },
    [`GET ${API}/not-applicable-proposals`]: { status: 200, body: options.proposals ?? { proposals: [], forecasts: [], hasAuditor: true } },
    [`PATCH ${API}`]: { status: 200, body: { ...fixtureEngagement(), version: 8 } },
  };
  return stubFetch(answers, options.overrides);
}


/**
 * Silences recharts' warning that its container has no size (jsdom lays nothing out); other warnings pass.
 * Returns the restore function.
 */
export function quietCharts(): () => void {
  const warn = console.warn.bind(console);
  const spy = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('of chart should be greater than 0')) return;
    warn(...args);
  });
  return () => spy.mockRestore();
}
