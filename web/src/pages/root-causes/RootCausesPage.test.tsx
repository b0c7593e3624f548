import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RootCauseWithFindings, SystemicCause } from '../../api/root-causes.js';
import { firstPage, onePage, renderAt, stubFetch } from '../../testing.js';
import { RootCausesPage } from './RootCausesPage.js';

afterEach(() => vi.unstubAllGlobals());

const ROOT = '/o/org-1/e/eng-1';
const API = '/api/v1/organizations/org-1/engagements/eng-1/root-causes';

const manual = { id: 'RC-1', title: 'Offboarding depends on a manual ticket', category: 'process' as const, whys: ['Access was removed late', 'HR raises the ticket by hand'] };
const vendor = { id: 'RC-2', title: 'The backup vendor reports no failures', category: 'third_party' as const, whys: ['Restores were not tested'] };
const orphan = { id: 'RC-3', title: 'An old cause', category: 'people' as const, whys: ['Nobody owned it'] };

const systemic: SystemicCause[] = [
  { rootCause: manual, findings: ['F-1', 'F-AC/04'], criteria: ['CC6.2', 'CC6.3'], controls: ['AC-04'], systemic: true },
  { rootCause: vendor, findings: ['F-A1-02'], criteria: ['A1.2'], controls: [], systemic: false },
];
const all: RootCauseWithFindings[] = [
  { ...manual, version: 1, findings: ['F-1', 'F-AC/04'] },
  { ...vendor, version: 1, findings: ['F-A1-02'] },
  { ...orphan, version: 1, findings: [] },
];

function stub(items = systemic) {
  stubFetch({ [`GET ${firstPage(`${API}/systemic`)}`]: { status: 200, body: onePage(items) }, [`GET ${firstPage(API)}`]: { status: 200, body: onePage(all) } });
}

const show = () => renderAt(`${ROOT}/root-causes`, <RootCausesPage />, '/root-causes');

describe('RootCausesPage', () => {
  it('ranks the causes, each with its category, why chain and links, the shared one marked systemic', async () => {
    stub();
    show();
    const first = await screen.findByRole('region', { name: /^1\. Offboarding depends on a manual ticket/ });
    const second = screen.getByRole('region', { name: /^2\. The backup vendor reports no failures/ });
    expect(within(first).getByText('systemic')).toBeInTheDocument();
    expect(within(second).queryByText('systemic')).not.toBeInTheDocument();
    expect(within(first).getByText('process')).toBeInTheDocument();
    expect(within(second).getByText('third party')).toBeInTheDocument();
    expect(within(first).getByText('2 findings · 2 criteria · 1 control')).toBeInTheDocument();
    expect(within(second).getByText('1 finding · 1 criterion · 0 controls')).toBeInTheDocument();

    const whys = within(first).getByRole('list', { name: 'Why chain of RC-1' });
    expect(within(whys).getAllByRole('listitem').map((li) => li.textContent)).toEqual(manual.whys);
    const findings = within(first).getByRole('list', { name: 'Findings of RC-1' });
    expect(within(findings).getByRole('link', { name: 'F-AC/04' })).toHaveAttribute('href', `${ROOT}/findings/F-AC%2F04`);
    expect(within(first).getByRole('link', { name: 'CC6.3' })).toHaveAttribute('href', `${ROOT}/criteria?q=CC6.3`);
    expect(within(first).getByRole('link', { name: 'AC-04' })).toHaveAttribute('href', `${ROOT}/controls/AC-04`);
    // A cause no finding is traced to is listed apart, not ranked.
    expect(within(screen.getByRole('region', { name: 'Not traced by any finding' })).getByText(/RC-3: An old cause \(people\)/)).toBeInTheDocument();
  });

  it('says so when no finding has a root cause yet', async () => {
    stub([]);
    show();
    expect(await screen.findByText(/No finding is traced to a root cause yet/)).toBeInTheDocument();
  });
});
