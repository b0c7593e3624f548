/** Archiving a control from its page, restoring it, and the controls page's view of the archived ones. */
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ControlPage } from './ControlPage.js';
import { ControlsPage } from './ControlsPage.js';
import { API, fixtureControls, fixtureEngagement, renderAt, ROOT, stubApi } from './testing.js';

afterEach(() => vi.unstubAllGlobals());

const ARCHIVED_AT = '2026-07-15T08:00:00.000Z';
const AC04 = fixtureControls().find((c) => c.id === 'AC-04')!;
const archivedAc04 = { ...AC04, conclusion: undefined, version: 2, archivedAt: ARCHIVED_AT };
const showAc04 = () => renderAt(`${ROOT}/controls/AC-04`, <ControlPage />, '/controls/:controlId');
const writes = (calls: ReturnType<typeof stubApi>) => calls.filter((c) => c.method !== 'GET').map(({ method, url, body }) => ({ method, url, body }));

describe('archiving a control', () => {
  it('asks compliance first, naming what happens, then archives at the version read', async () => {
    const calls = stubApi({ role: 'compliance', overrides: { 'DELETE /organizations/org-1/engagements/eng-1/controls/AC-04?version=1': { status: 200, body: archivedAc04 } } });
    showAc04();
    await userEvent.click(await screen.findByRole('button', { name: 'Archive' }));
    const dialog = await screen.findByRole('dialog', { name: 'Archive control AC-04?' });
    expect(within(dialog).getByText(/AC-04 leaves the examination: the forecast is drawn without it/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Its test and\s+samples are kept, read-only, and nothing is deleted; an admin can restore it/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(writes(calls)).toEqual([{ method: 'DELETE', url: `${API}/controls/AC-04?version=1`, body: undefined }]));
  });

  it('shows an archived control read-only, and offers an admin to restore it', async () => {
    const calls = stubApi({
      role: 'admin',
      overrides: {
        'GET /organizations/org-1/engagements/eng-1/controls/AC-04': { status: 200, body: archivedAc04 },
        'POST /organizations/org-1/engagements/eng-1/controls/AC-04/restore': { status: 200, body: { ...archivedAc04, version: 3, archivedAt: null } },
      },
    });
    showAc04();
    expect(await screen.findByText(/^Archived on .*: out of the examination, its test and samples kept,\s+read-only\./)).toBeInTheDocument();
    await screen.findByRole('table', { name: 'Samples' });
    expect(screen.queryByRole('button', { name: 'Edit control' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit test' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Archive' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(writes(calls)).toEqual([{ method: 'POST', url: `${API}/controls/AC-04/restore`, body: { version: 2 } }]));
  });

  it('offers nothing to change in an archived engagement, not even to the admin', async () => {
    stubApi({ role: 'admin', overrides: { 'GET /organizations/org-1/engagements/eng-1': { status: 200, body: { ...fixtureEngagement(), archivedAt: ARCHIVED_AT } } } });
    showAc04();
    await screen.findByRole('table', { name: 'Samples' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Edit control' })).not.toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Archive' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit test' })).not.toBeInTheDocument();
    expect(screen.queryByRole('radiogroup', { name: 'Result' })).not.toBeInTheDocument();
  });
});

describe('the archived controls on the controls page', () => {
  it('lists only the archived ones in their own view, asked of the server, without a new control to add', async () => {
    const calls = stubApi({
      role: 'compliance',
      overrides: { 'GET /organizations/org-1/engagements/eng-1/controls?archived=only&limit=1000&offset=0': { status: 200, body: { items: [{ ...archivedAc04, conclusion: null }], total: 1, limit: 1000, offset: 0 } } },
    });
    renderAt(`${ROOT}/controls`, <ControlsPage />, '/controls');
    await screen.findByRole('table', { name: 'Controls' });
    expect(screen.getByRole('button', { name: 'New control' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Archived' }));
    const table = await screen.findByRole('table', { name: 'Controls' });
    await waitFor(() => expect(within(table).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['AC-04']));
    expect(within(table).getByText('archived: not examined')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('?archived=only');
    expect(screen.queryByRole('button', { name: 'New control' })).not.toBeInTheDocument();
    expect(calls.some((c) => c.url.includes('/controls?archived=only&'))).toBe(true);
  });
});
