import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RootCauseWithFindings, SystemicCause } from '../../api/root-causes.js';
import { firstPage, onePage, renderAt, stubFetch } from '../../testing.js';
import { RootCausesPage } from './RootCausesPage.js';
import { stubApi } from '../controls/testing.js';
import { pick } from '../findings/testing.js';

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

  it('writes a root cause on its own under the next free code, refusing a code in use, for the programme only', async () => {
    const path = API.replace('/api/v1', '');
    const created = { id: 'RC-4', title: 'Leavers are reported late', category: 'process', whys: ['HR tells IT at the end of the week'], version: 1, findings: [] };
    const answers = {
      [`GET ${firstPage(`${path}/systemic`)}`]: { status: 200, body: onePage(systemic) },
      [`GET ${firstPage(path)}`]: { status: 200, body: onePage(all) },
      [`POST ${path}`]: { status: 201, body: created },
    };
    const calls = stubApi({ role: 'compliance', overrides: answers });
    show();
    await userEvent.click(await screen.findByRole('button', { name: 'Write a root cause' }));
    const dialog = await screen.findByRole('dialog', { name: 'Write a root cause' });
    const code = within(dialog).getByRole('textbox', { name: /^Code/ });
    expect(code).toHaveValue('RC-4');
    fireEvent.change(code, { target: { value: 'RC-1' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Title/ }), { target: { value: created.title } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Why 1/ }), { target: { value: created.whys[0] } });
    await pick(dialog, /^Category/, 'process');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Write the root cause' }));
    expect(await within(dialog).findByText('RC-1 is in use: give another code')).toBeInTheDocument();
    fireEvent.change(code, { target: { value: 'RC-4' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Write the root cause' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ id: 'RC-4', title: created.title, category: 'process', whys: created.whys }]));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Write a root cause' })).not.toBeInTheDocument());
  });

  it('offers no writing to a viewer', async () => {
    const path = API.replace('/api/v1', '');
    stubApi({
      role: 'viewer',
      overrides: { [`GET ${firstPage(`${path}/systemic`)}`]: { status: 200, body: onePage(systemic) }, [`GET ${firstPage(path)}`]: { status: 200, body: onePage(all) } },
    });
    show();
    await screen.findByRole('region', { name: /^1\. Offboarding/ });
    await waitFor(() => expect(screen.getByRole('region', { name: 'Not traced by any finding' })).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Write a root cause' })).not.toBeInTheDocument();
  });
});
