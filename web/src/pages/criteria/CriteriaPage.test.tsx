import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAt, ROOT, stubApi } from '../dashboard/testing.js';
import { CriteriaPage } from './CriteriaPage.js';
import { keys } from '../../api/keys.js';

afterEach(() => vi.unstubAllGlobals());

const PROPOSALS = '/organizations/org-1/engagements/eng-1/not-applicable-proposals';
/** A pending proposal of management, as the server lists it. */
const proposal = (criterion: string) => ({
  id: `p-${criterion}`,
  criterion,
  reason: 'Not in this system',
  status: 'pending',
  proposedBy: 'user:lead@acme.example',
  proposedAt: '2026-03-01T09:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
  version: 1,
});
const show = (search = '') => renderAt(`${ROOT}/criteria${search}`, <CriteriaPage />, '/criteria');
/** The criteria shown, by the ID at the start of each row's heading. */
const rowIds = async () => {
  const table = await screen.findByRole('table');
  return within(table)
    .getAllByRole('rowheader')
    .map((header) => header.textContent?.replace(/[▸▾]/g, '').trim().split(' ')[0]);
};
describe('CriteriaPage', () => {
  it('shows every criterion with its controls coloured and named by conclusion, linking to the control', async () => {
    stubApi({ role: 'viewer' });
    show();
    expect(await rowIds()).toEqual(['CC1.1', 'CC6.1', 'CC6.2', 'CC7.2', 'CC9.2', 'A1.2', 'A1.3']);
    const badge = screen.getByRole('link', { name: /AC-04 · not effective/ });
    expect(badge).toHaveAttribute('href', `${ROOT}/controls/AC-04`);
    expect(screen.getByText('Showing 7 of 7 criteria')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /A1\.3/ })).toHaveTextContent('No control addresses it');
  });

  it('narrows the rows to the status in the address', async () => {
    stubApi({ role: 'viewer' });
    show('?status=not_met');
    expect(await rowIds()).toEqual(['CC6.2', 'A1.3']);
    expect(screen.getByText('Showing 2 of 7 criteria')).toBeInTheDocument();
  });

  it('narrows the rows by status and category together', async () => {
    stubApi({ role: 'viewer' });
    show('?status=met,not_met&category=availability');
    expect(await rowIds()).toEqual(['A1.2', 'A1.3']);
  });

  it('clears the filters from the address', async () => {
    stubApi({ role: 'viewer' });
    show('?series=CC6');
    expect(await rowIds()).toEqual(['CC6.1', 'CC6.2']);
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await rowIds()).toHaveLength(7);
    expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`${ROOT}/criteria$`));
  });

  it('writes a search to the address', async () => {
    stubApi({ role: 'viewer' });
    show();
    await rowIds();
    await userEvent.type(screen.getByLabelText('Search'), 'ac-04');
    expect(await rowIds()).toEqual(['CC6.2']);
    expect(screen.getByTestId('location')).toHaveTextContent('?q=ac-04');
  });

  it('opens the reasons of a criterion, and of the one the address names', async () => {
    stubApi({ role: 'viewer' });
    show('?q=CC6.2');
    expect(await screen.findByText('AC-04 is not effective: 2 deviations in 25 samples')).toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: 'Hide the reasons for CC6.2' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(toggle);
    expect(screen.queryByText('AC-04 is not effective: 2 deviations in 25 samples')).not.toBeInTheDocument();
  });

  it.each(['viewer', 'auditor', 'owner'] as const)('offers no not-applicable action to the %s role', async (role) => {
    stubApi({ role });
    const { client } = show();
    await rowIds();
    // The role is known once the organisations are loaded: only then is an absent button really absent.
    await waitFor(() => expect(client.getQueryState(keys.organizations)?.status).toBe('success'));
    await waitFor(() => expect(client.getQueryState(keys.settings('org-1', 'eng-1'))?.status).toBe('success'));
    expect(screen.queryByRole('button', { name: /Propose not applicable/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Make applicable/ })).not.toBeInTheDocument();
  });

  it('proposes a criterion not applicable with the reason, which changes nothing until the auditor accepts it', async () => {
    const calls = stubApi({ role: 'compliance', overrides: { [`POST ${PROPOSALS}`]: { status: 201, body: proposal('CC6.2') } } });
    show();
    await userEvent.click(await screen.findByRole('button', { name: 'Propose not applicable: CC6.2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Propose CC6.2 not applicable' });
    // The reason is required: nothing is sent without one.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Propose not applicable' }));
    expect(await within(dialog).findByText('Give the reason the criterion does not apply to this system')).toBeInTheDocument();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'No user accounts in this system');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Propose not applicable' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.method === 'POST')).toEqual([
        { method: 'POST', url: `/api/v1${PROPOSALS}`, body: { criterion: 'CC6.2', reason: 'No user accounts in this system' } },
      ]),
    );
    expect(await screen.findByText('CC6.2 is proposed not applicable: it counts once the auditor accepts it')).toBeInTheDocument();
    // The engagement's settings are not touched.
    expect(calls.some((call) => call.method === 'PATCH')).toBe(false);
  });

  it('shows a pending proposal with both outcomes, and lets the auditor accept it or reject it with a reason', async () => {
    const pending = { proposals: [proposal('CC6.2')], forecasts: [{ criterion: 'CC6.2', status: 'not_met', opinion: 'adverse', opinionIfAccepted: 'qualified' }], hasAuditor: true };
    const decision = `${PROPOSALS}/p-CC6.2/decision`;
    const calls = stubApi({ role: 'auditor', overrides: { [`GET ${PROPOSALS}`]: { status: 200, body: pending }, [`POST ${decision}`]: { status: 200, body: proposal('CC6.2') } } });
    show();
    const table = await screen.findByRole('table', { name: 'Proposed not applicable' });
    expect(within(table).getByText('Not in this system')).toBeInTheDocument();
    expect(within(table).getByText(/Now not met; the opinion is adverse as it is, qualified if accepted\./)).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /CC6\.2 .*Not applicable: pending/ })).toBeInTheDocument();

    await userEvent.click(within(table).getByRole('button', { name: 'Reject: CC6.2 not applicable' }));
    await userEvent.click(within(table).getByRole('button', { name: 'Reject the proposal' }));
    expect(within(table).getByText('Say why the criterion applies: management reads it')).toBeInTheDocument();
    await userEvent.type(within(table).getByRole('textbox', { name: 'Why CC6.2 applies' }), 'Users sign in to it');
    await userEvent.click(within(table).getByRole('button', { name: 'Reject the proposal' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.method === 'POST')).toEqual([
        { method: 'POST', url: `/api/v1${decision}`, body: { version: 1, decision: 'reject', note: 'Users sign in to it' } },
      ]),
    );
  });

  it('tells management who decides a pending proposal, and offers it no decision', async () => {
    const pending = { proposals: [proposal('CC6.2')], forecasts: [{ criterion: 'CC6.2', status: 'not_met', opinion: 'adverse', opinionIfAccepted: 'adverse' }], hasAuditor: true };
    stubApi({ role: 'admin', overrides: { [`GET ${PROPOSALS}`]: { status: 200, body: pending } } });
    show();
    const table = await screen.findByRole('table', { name: 'Proposed not applicable' });
    expect(within(table).getByText('Pending: the auditor decides')).toBeInTheDocument();
    expect(within(table).getByText(/Now not met; the opinion is adverse, and stays so if accepted\./)).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /Accept/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Propose not applicable: CC6.2' })).not.toBeInTheDocument();
  });

  it('makes a criterion applicable again', async () => {
    const calls = stubApi({ role: 'admin' });
    show('?q=CC9.2');
    expect(await screen.findByText('No vendors')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Make applicable: CC9.2' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ version: 7, notApplicable: [] }));
  });

  it('tells of a conflict and offers to reload', async () => {
    stubApi({
      role: 'compliance',
      overrides: { [`POST ${PROPOSALS}`]: { status: 409, body: { title: 'Conflict', status: 409 } } },
    });
    show();
    await userEvent.click(await screen.findByRole('button', { name: 'Propose not applicable: CC7.2' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Monitoring is out of scope');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Propose not applicable' }));
    expect(await screen.findByText('Changed by someone else')).toBeInTheDocument();
    expect(screen.getByText(/Reload to see their change/)).toBeInTheDocument();
  });
});
