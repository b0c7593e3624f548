import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FindingsPage } from './FindingsPage.js';
import { API, fixtureFinding, PATH, pick, renderAt, ROOT, stubFindingsApi } from './testing.js';
import { firstPage } from '../../testing.js';
import { keys } from '../../api/keys.js';
import { formatDate } from '../../dates.js';

afterEach(() => vi.unstubAllGlobals());

const show = (search = '') => renderAt(`${ROOT}/findings${search}`, <FindingsPage />, '/findings');

/** Waits until the role is known: only then is an absent button really absent. */
async function loaded(client: ReturnType<typeof show>['client']) {
  await screen.findByRole('table', { name: 'Findings' });
  await waitFor(() => expect(client.getQueryState(keys.organizations)?.status).toBe('success'));
}

describe('FindingsPage', () => {
  it('lists the findings with the severity that stands, the status, the root cause and the next action due', async () => {
    stubFindingsApi({ role: 'viewer' });
    const { client } = show();
    await loaded(client);
    const table = screen.getByRole('table', { name: 'Findings' });
    const first = within(table).getByRole('row', { name: /F-AC-04/ });
    expect(within(first).getByRole('link', { name: 'F-AC-04' })).toHaveAttribute('href', `${ROOT}/findings/F-AC-04`);
    expect(within(first).getByRole('link', { name: 'AC-04' })).toHaveAttribute('href', `${ROOT}/controls/AC-04`);
    expect(within(first).getByText('material weakness')).toBeInTheDocument();
    expect(within(first).getByLabelText('Status: analysing')).toBeInTheDocument();
    expect(await within(first).findByText('RC-1 · Offboarding depends on a manual ticket from HR')).toBeInTheDocument();
    // CA-3 is done; of the others, CA-2 is due first.
    expect(within(first).getByText(formatDate('2026-08-15'))).toBeInTheDocument();

    const second = within(table).getByRole('row', { name: /F-AC-06/ });
    expect(within(second).getByText('significant deficiency (auditor)')).toBeInTheDocument();
    expect(within(second).getByText('not traced yet')).toBeInTheDocument();
    // A viewer is offered nothing to create.
    expect(screen.queryByRole('button', { name: 'New finding' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create findings from the examination' })).not.toBeInTheDocument();
  });

  it('filters by status, kept in the address', async () => {
    const calls = stubFindingsApi({ role: 'viewer' });
    show('?status=closed');
    const table = await screen.findByRole('table', { name: 'Findings' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText('F-AC-06')).toBeInTheDocument();
    expect(calls.some((c) => c.url === firstPage(`${API}/findings?status=closed`))).toBe(true);
  });

  it('creates findings from the examination and tells how many', async () => {
    const calls = stubFindingsApi({
      role: 'auditor',
      overrides: { [`POST ${PATH}/findings/sync`]: { status: 200, body: { created: ['F-AC-04', 'F-CM-01'], reopened: [], findings: [] } } },
    });
    const { client } = show();
    await loaded(client);
    await userEvent.click(await screen.findByRole('button', { name: 'Create findings from the examination' }));
    expect(await screen.findByText('2 findings created')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([`${API}/findings/sync`]);
    // The list is fetched again.
    await waitFor(() => expect(calls.filter((c) => c.url === firstPage(`${API}/findings`)).length).toBeGreaterThan(1));
  });

  it('writes a finding by hand, checked before sending, and opens it', async () => {
    const created = fixtureFinding({ code: 'F-1', source: 'self_identified', title: 'No tabletop exercise this year', control: null, criteria: ['CC7.4'] });
    const calls = stubFindingsApi({ role: 'compliance', overrides: { [`POST ${PATH}/findings`]: { status: 201, body: created } } });
    const { client } = show();
    await loaded(client);
    await userEvent.click(await screen.findByRole('button', { name: 'New finding' }));
    const dialog = await screen.findByRole('dialog', { name: 'New finding' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the finding' }));
    expect(await within(dialog).findByText('Say in a line what was found')).toBeInTheDocument();
    expect(within(dialog).getByText('Name the control, or the criteria it concerns')).toBeInTheDocument();

    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Title/ }), ' No tabletop exercise this year ');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'The incident plan was not exercised');
    await pick(dialog, 'Control', /^AC-05/);
    await pick(dialog, 'Severity', 'significant deficiency');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the finding' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        {
          method: 'POST',
          url: `${API}/findings`,
          body: {
            source: 'self_identified',
            title: 'No tabletop exercise this year',
            description: 'The incident plan was not exercised',
            control: 'AC-05',
            kind: 'operating',
            severity: 'significant_deficiency',
          },
        },
      ]),
    );
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`${ROOT}/findings/F-1`));
  });
});
