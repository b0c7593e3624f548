/**
 * Test support for the controls, control and sampling pages: fixed controls, a test, an examination result and
 * a history; a `fetch` stub answering the API's URLs with them (and recording what was sent); and a render
 * inside the app's providers at an engagement route.
 */
import type { AuditEvent, Control, ControlTest, ListedControl } from '../../api/controls.js';
import { buildControlResult } from '@assay/domain/testing/builders.js';
import type { Engagement } from '../../api/programme.js';
import { buildEngagement, firstPage, onePage, stubFetch, type Answer, type Call } from '../../testing.js';

export { renderAt, type Answer, type Call } from '../../testing.js';
import type { ControlResult, ExaminationResult, Role } from '../../api/types.js';

export const ORG = 'org-1';
export const ENG = 'eng-1';
export const ROOT = `/o/${ORG}/e/${ENG}`;
export const API = `/api/v1/organizations/${ORG}/engagements/${ENG}`;
export const OWNER_EMAIL = 'it-ops@acme.example';

/** A control as the API returns it, with what a test is about changed. */
export function fixtureControl(id: string, changes: Partial<Control> = {}): Control {
  return {
    id,
    title: `Control ${id}`,
    criteria: ['CC6.1'],
    frequency: 'quarterly',
    nature: 'manual',
    key: true,
    design: 'effective',
    compensates: [],
    owner: null,
    version: 1,
    archivedAt: null,
    ...changes,
  };
}

function listed(id: string, changes: Partial<ListedControl>): ListedControl {
  return { ...fixtureControl(id), conclusion: 'effective', ...changes };
}

export function fixtureControls(): ListedControl[] {
  return [
    listed('AC-10', { title: 'Quarterly access reviews', criteria: ['CC6.2', 'CC6.3'], owner: 'security@acme.example', conclusion: 'effective_with_exceptions' }),
    listed('AC-04', {
      title: 'Terminated users are deprovisioned within one business day',
      criteria: ['CC6.2'],
      frequency: 'event',
      owner: OWNER_EMAIL,
      conclusion: 'not_effective',
    }),
    listed('AC-05', { title: 'Monthly review of leavers', criteria: ['CC6.2'], frequency: 'monthly', key: false, compensates: ['AC-04'], owner: OWNER_EMAIL }),
    listed('CM-01', { title: 'Changes are approved', criteria: ['CC8.1'], frequency: 'daily', owner: null, conclusion: 'not_tested' }),
    listed('GOV-02', { title: 'Board oversight', criteria: ['CC1.2'], frequency: 'annual', owner: 'ceo@acme.example', design: 'deficient', conclusion: 'design_deficiency' }),
  ];
}

function result(id: string, changes: Partial<ControlResult>): ControlResult {
  return buildControlResult({ id, criteria: ['CC6.1'], key: true, conclusion: 'effective', ...changes });
}

export const AC04_REASON = 'AC-04 failed 1 of 5 samples (T-0003): the upper deviation limit 58.4% exceeds the tolerable 10.0%';

export function fixtureResult(): ExaminationResult {
  return {
    organization: 'Acme',
    system: 'Acme Cloud',
    reportType: 'type2',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    categories: ['security'],
    opinion: { overall: 'qualified', pervasive: false, basis: [], subjects: { description: 'unmodified', design: 'unmodified', operatingEffectiveness: 'qualified' } },
    controls: [
      result('AC-10', { conclusion: 'effective_with_exceptions', sampleSize: 10, requiredSampleSize: 2, deviations: 1, deviationRate: 0.1 }),
      result('AC-04', {
        conclusion: 'not_effective',
        populationSize: 42,
        sampleSize: 5,
        requiredSampleSize: 5,
        deviations: 1,
        deviationRate: 0.2,
        upperDeviationLimit: 0.584,
        boundBasis: 'clopper-pearson',
        sampleSizeToConclude: 38,
        failedSamples: ['T-0003'],
        warnings: ['The sample was selected before the period ended'],
        reasons: [AC04_REASON, 'No control that compensates AC-04 is effective'],
      }),
      result('AC-05', { sampleSize: 3, requiredSampleSize: 3, deviations: 0, deviationRate: 0 }),
      result('CM-01', { conclusion: 'not_tested', requiredSampleSize: 25 }),
      result('GOV-02', { conclusion: 'design_deficiency' }),
    ],
    criteria: [],
    deficiencies: [],
  };
}

export function fixtureEngagement(): Engagement {
  return buildEngagement({ id: ENG, organizationId: ORG });
}

export function fixtureTest(): ControlTest {
  return {
    control: 'AC-04',
    method: 'inspection',
    populationSize: 42,
    scopeLimitation: null,
    samples: [
      { item: 'T-0001', result: 'pass', note: null },
      { item: 'T-0002', result: 'pass', note: null },
      { item: 'T-0003', result: 'fail', note: 'Access removed 9 days late' },
      { item: 'T-0004', result: 'pass', note: null },
      { item: 'T-0005', result: 'pass', note: null },
    ],
    untested: [],
    recordedBy: {},
    version: 4,
  };
}

export function fixtureHistory(): AuditEvent[] {
  return [
    {
      seq: 12,
      occurredAt: '2026-03-02T10:00:00.000Z',
      actor: 'user:auditor@audit.example',
      by: { kind: 'user', userId: 'u-auditor', email: 'auditor@audit.example' },
      type: 'sample.recorded',
      subject: 'test:t1',
      before: { control: 'AC-04', item: 'T-0003', result: 'pass', note: null },
      after: { control: 'AC-04', item: 'T-0003', result: 'fail', note: 'Access removed 9 days late', testVersion: 4 },
    },
    {
      seq: 9,
      occurredAt: '2026-03-01T09:00:00.000Z',
      actor: 'user:compliance@acme.example',
      by: { kind: 'user', userId: 'u-compliance', email: 'compliance@acme.example' },
      type: 'control.updated',
      subject: 'control:c1',
      before: { id: 'AC-04', title: 'Leavers removed', owner: null, version: 1 },
      after: { id: 'AC-04', title: 'Terminated users are deprovisioned within one business day', owner: OWNER_EMAIL, version: 2 },
    },
  ];
}

/**
 * Stubs `fetch` with the fixtures for a member of `role` signed in as `email`; `overrides` answers a
 * `METHOD path` (after /api/v1, query included) differently. Returns the calls made, to assert on what was sent.
 */
export function stubApi(options: { role: Role; email?: string; test?: ControlTest | null; overrides?: Record<string, Answer> }): Call[] {
  const test = options.test === undefined ? fixtureTest() : options.test;
  const email = options.email ?? `${options.role}@acme.example`;
  const answers: Record<string, Answer> = {
    'GET /api/v1/auth/me': { status: 200, body: { kind: 'user', user: { id: 'u1', email, displayName: email }, csrfToken: 't' } },
    'GET /api/v1/organizations': { status: 200, body: { items: [{ id: ORG, slug: 'acme', name: 'Acme', role: options.role, version: 1 }] } },
    [`GET ${API}`]: { status: 200, body: fixtureEngagement() },
    [`GET ${API}/examination`]: { status: 200, body: fixtureResult() },
    [`GET ${firstPage(`${API}/controls`)}`]: { status: 200, body: onePage(fixtureControls()) },
    [`GET ${API}/controls/AC-04/audit-events?limit=100`]: { status: 200, body: { ...onePage(fixtureHistory()), limit: 100 } },
  };
  for (const control of fixtureControls()) {
    answers[`GET ${API}/controls/${control.id}`] = { status: 200, body: { ...control, conclusion: undefined } };
    answers[`GET ${API}/controls/${control.id}/test`] = { status: 404, body: { title: 'Not found', status: 404 } };
  }
  if (test) answers[`GET ${API}/controls/${test.control}/test`] = { status: 200, body: test };
  return stubFetch(answers, options.overrides);
}

