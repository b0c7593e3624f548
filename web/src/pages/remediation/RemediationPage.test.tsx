import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderAt } from '../../testing.js';
import { quietCharts } from '../dashboard/testing.js';
import { RemediationPage } from './RemediationPage.js';
import { API, fixtureView, ROOT, stubRemediation } from './testing.js';
import { formatDate } from '../../dates.js';

beforeEach(() => quietCharts());
afterEach(() => vi.unstubAllGlobals());

const show = () => renderAt(`${ROOT}/remediation`, <RemediationPage />, '/remediation');
const section = (name: string) => screen.findByRole('region', { name });

describe('RemediationPage', () => {
  it('lists every corrective action with its finding, owner, due date and standing, and filters them', async () => {
    stubRemediation('viewer');
    show();
    expect(await screen.findByText(/1 of 3 corrective actions done · 1 overdue · 1 due within 14 days/)).toBeInTheDocument();
    const card = await section('All corrective actions');
    const rows = () => within(within(card).getByRole('table')).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows()).toEqual([
      ['Action CA-1 (CA-1)', 'F-AC-04', 'it-ops@acme.example', formatDate('2026-08-01'), 'overdue by 14 days'],
      ['Action CA-2 (CA-2)', 'F-CM-01', 'it-ops@acme.example', formatDate('2026-08-20'), 'due in 5 days'],
      ['Action CA-3 (CA-3)', 'F-AC-04', 'it-ops@acme.example', formatDate('2026-08-12'), `done on ${formatDate('2026-08-10')}`],
    ]);
    expect(within(card).getAllByRole('link', { name: 'F-AC-04' })[0]).toHaveAttribute('href', `${ROOT}/findings/F-AC-04`);
    await userEvent.click(within(card).getByText('Overdue'));
    expect(within(card).getByRole('table', { name: 'Overdue corrective actions' })).toBeInTheDocument();
    expect(rows().map((r) => r[0])).toEqual(['Action CA-1 (CA-1)']);
    await userEvent.click(within(card).getByText('Open'));
    expect(rows().map((r) => r[0])).toEqual(['Action CA-1 (CA-1)', 'Action CA-2 (CA-2)']);
    await userEvent.click(within(card).getByText('Done'));
    expect(rows().map((r) => r[0])).toEqual(['Action CA-3 (CA-3)']);
  });

  it('opens on the filter a link asks for', async () => {
    stubRemediation('viewer');
    renderAt(`${ROOT}/remediation?show=done`, <RemediationPage />, '/remediation');
    const card = await section('All corrective actions');
    expect(within(card).getByRole('table', { name: 'Done corrective actions' })).toBeInTheDocument();
  });

  it('describes the burndown in words', async () => {
    stubRemediation('viewer');
    show();
    const chart = within(await section('Burndown')).getByRole('img');
    expect(chart.getAttribute('aria-label')).toMatch(/3 corrective actions at the start, 2 remaining on .*\(today\)\. The ideal line reaches none on the target date/);
  });

  it('shows the plan read-only to a role that may not manage it', async () => {
    stubRemediation('owner');
    show();
    const plan = await section('Plan');
    expect(within(plan).getByLabelText(/Target date/)).toHaveAttribute('readonly');
    expect(within(plan).queryByRole('button', { name: 'Save plan' })).not.toBeInTheDocument();
    expect(within(plan).getByText(/An admin or the compliance lead sets the plan/)).toBeInTheDocument();
  });

  it('saves the plan at its version, and refuses a webhook that is not http(s) before sending', async () => {
    const calls = stubRemediation('compliance', fixtureView(), {
      [`PUT ${API.replace('/api/v1', '')}/remediation/plan`]: { status: 200, body: { targetDate: '2026-09-30', webhookUrl: 'https://hooks.example.com/x', dueSoonDays: 7, version: 3 } },
    });
    show();
    const plan = await section('Plan');
    const webhook = within(plan).getByLabelText(/Reminder webhook/);
    await userEvent.type(webhook, 'ftp://example.com');
    await userEvent.click(within(plan).getByRole('button', { name: 'Save plan' }));
    expect(await within(plan).findByText('must be an http or https URL, not ftp')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);

    await userEvent.clear(webhook);
    await userEvent.type(webhook, 'https://hooks.example.com/x');
    const days = within(plan).getByLabelText(/Due soon within/);
    await userEvent.clear(days);
    await userEvent.type(days, '7');
    await userEvent.click(within(plan).getByRole('button', { name: 'Save plan' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ version: 2, targetDate: '2026-08-31', webhookUrl: 'https://hooks.example.com/x', dueSoonDays: 7 });
  });

  it('sends the reminders now and says what came of it', async () => {
    stubRemediation('admin', fixtureView({ plan: { targetDate: null, webhookUrl: 'https://hooks.example.com/x', dueSoonDays: 14, version: 1 } }), {
      [`POST ${API.replace('/api/v1', '')}/remediation/reminders`]: { status: 200, body: { delivery: 'failed', overdue: 1, dueSoon: 1 } },
    });
    show();
    await userEvent.click(await screen.findByRole('button', { name: 'Send reminders now' }));
    expect(await screen.findByText('The reminder was not delivered. The instance operator can see why in the server log.')).toBeInTheDocument();
  });

  it('says why no reminder can be sent without a webhook', async () => {
    stubRemediation('admin');
    show();
    const button = await screen.findByRole('button', { name: 'Send reminders now' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('Reminders need a webhook: set one and save the plan.');
  });

  it('says nothing is due when nothing is overdue or due soon', async () => {
    const view = fixtureView();
    stubRemediation(
      'admin',
      fixtureView({
        plan: { targetDate: null, webhookUrl: 'https://hooks.example.com/x', dueSoonDays: 14, version: 1 },
        actions: view.actions.filter((a) => a.state === 'done'),
        counts: { total: 1, done: 1, overdue: 0, dueSoon: 0 },
      }),
    );
    show();
    const button = await screen.findByRole('button', { name: 'Send reminders now' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('Nothing is overdue or due within 14 days: there is nothing to remind anyone of.');
  });
});
