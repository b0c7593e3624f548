/**
 * Test support for the findings pages: fixed findings and root causes, and the controls pages' `fetch` stub
 * answering the findings' URLs with them besides (and recording what was sent).
 */
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { buildAction, buildFinding } from '@assay/domain/findings/testing.js';
import type { Finding } from '../../api/findings.js';
import type { RootCauseWithFindings } from '../../api/root-causes.js';
import type { Role } from '../../api/types.js';
import { firstPage, onePage } from '../../testing.js';
import { API, ORG, OWNER_EMAIL, stubApi, type Answer, type Call } from '../controls/testing.js';
import { MAX_PAGE_SIZE } from '@assay/domain/limits.js';

export { API, ORG, ENG, ROOT, OWNER_EMAIL, renderAt, type Answer, type Call } from '../controls/testing.js';

/** The path after /api/v1, as the stub's overrides are keyed. */
export const PATH = API.replace('/api/v1', '');

export function fixtureFinding(changes: Partial<Finding> = {}): Finding {
  return {
    ...buildFinding({
      title: 'Departing personnel kept their access for up to eight business days',
      status: 'analysing',
      classification: {
        kind: 'operating',
        severity: 'material_weakness',
        pervasive: false,
        reasons: ['AC-04 is not effective and leaves CC6.2 not met: a material weakness'],
        override: null,
      },
      history: [{ on: '2026-07-01', from: 'open', to: 'analysing', reason: 'Root cause analysis started' }],
    }),
    createdAt: '2026-07-01T09:00:00.000Z',
    version: 3,
    ...changes,
  };
}

export function fixtureFindings(): Finding[] {
  return [
    fixtureFinding({
      rootCause: 'RC-1',
      correctiveActions: [
        buildAction({ id: 'CA-1', due: '2026-09-30' }),
        buildAction({ id: 'CA-2', title: 'Weekly reconciliation', due: '2026-08-15', status: 'in_progress' }),
        buildAction({ id: 'CA-3', status: 'done', completedOn: '2026-07-20', due: '2026-07-01' }),
      ],
    }),
    fixtureFinding({
      code: 'F-AC-06',
      title: 'Access reviews missed a quarter',
      control: 'AC-06',
      criteria: ['CC6.1', 'CC6.3'],
      status: 'closed',
      classification: {
        kind: 'operating',
        severity: 'deficiency',
        pervasive: false,
        reasons: [],
        override: { severity: 'significant_deficiency', pervasive: null, reason: 'Privileged accounts', by: 'auditor@audit.example', on: '2026-07-10' },
      },
      failedSamples: [],
    }),
  ];
}

export function fixtureRootCauses(): RootCauseWithFindings[] {
  return [
    {
      id: 'RC-1',
      title: 'Offboarding depends on a manual ticket from HR',
      category: 'process',
      whys: ['Accounts were deactivated only when IT worked a ticket', 'HR raises the ticket by hand after the exit interview'],
      version: 1,
      findings: ['F-AC-04', 'F-HR-02'],
    },
  ];
}

/** Who took the fixture finding's steps. */
export const STEP_TAKER = 'lead@acme.example';

/** The organisation's members, as the owner of a corrective action is picked from them. */
export function fixtureMembers() {
  return [OWNER_EMAIL, 'compliance@acme.example'].map((email, i) => ({
    organizationId: ORG,
    userId: `u${i + 1}`,
    role: i === 0 ? 'owner' : 'compliance',
    createdAt: '2026-01-01T09:00:00.000Z',
    version: 1,
    email,
    displayName: email,
  }));
}

/**
 * The controls pages' stub for a member of `role`, with the findings, one finding (F-AC-04, or `finding`) and
 * the root causes answered; `overrides` answers a `METHOD path` (after /api/v1) differently.
 */
export function stubFindingsApi(options: { role: Role; email?: string; finding?: Finding; overrides?: Record<string, Answer> }): Call[] {
  const findings = fixtureFindings();
  const finding = options.finding ?? fixtureFinding();
  const list = (items: Finding[]): Answer => ({ status: 200, body: onePage(items) });
  return stubApi({
    role: options.role,
    ...(options.email !== undefined && { email: options.email }),
    overrides: {
      [`GET ${firstPage(`${PATH}/findings`)}`]: list(findings),
      [`GET ${firstPage(`${PATH}/findings?status=closed`)}`]: list(findings.filter((f) => f.status === 'closed')),
      [`GET ${PATH}/findings/${finding.code}`]: { status: 200, body: finding },
      [`GET ${PATH}/findings/${finding.code}/management-response`]: { status: 200, body: null },
      // Every step taken by the programme's lead, as the audit log says.
      [`GET ${PATH}/findings/${finding.code}/steps`]: { status: 200, body: finding.history.map((h) => ({ ...h, by: { kind: 'user', userId: 'u9', email: STEP_TAKER } })) },
      [`GET ${firstPage(`${PATH}/root-causes`)}`]: { status: 200, body: onePage(fixtureRootCauses()) },
      [`GET /organizations/${ORG}/members?limit=${MAX_PAGE_SIZE}`]: { status: 200, body: onePage(fixtureMembers()) },
      ...options.overrides,
    },
  });
}

/**
 * Picks `option` in the select labelled `label` inside `container`. jsdom computes no layout, so Mantine's
 * dropdown options count as hidden to the accessibility tree even once open: they are found with `hidden`.
 */
export async function pick(container: HTMLElement, label: string | RegExp, option: string | RegExp): Promise<void> {
  await userEvent.click(within(container).getByRole('combobox', { name: label }));
  await userEvent.click(await screen.findByRole('option', { name: option, hidden: true }));
}
