/** Archiving the engagement from its settings, and the archived engagements restored by an admin. */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsPage } from './SettingsPage.js';
import { ENGAGEMENT, engagement, fakeApi, ORG, renderAt, user } from './test-support.js';

afterEach(() => vi.unstubAllGlobals());

const URL = `/organizations/${ORG}/engagements/${ENGAGEMENT}`;
const ARCHIVED_AT = '2026-07-15T08:00:00.000Z';
const paged = <T,>(items: T[]) => ({ items, total: items.length, limit: 100, offset: 0 });

describe('archiving the engagement', () => {
  it('asks first, naming what happens, then archives at the version read and shows the settings read-only', async () => {
    let archived = false;
    const api = fakeApi('compliance', {
      [`GET ${URL}`]: () => ({ status: 200, body: engagement(archived ? { version: 4, archivedAt: ARCHIVED_AT } : {}) }),
      [`DELETE ${URL}`]: () => {
        archived = true;
        return { status: 200, body: engagement({ version: 4, archivedAt: ARCHIVED_AT }) };
      },
    });
    renderAt(<SettingsPage />);
    await user.click(await screen.findByRole('button', { name: 'Archive this engagement' }));
    const dialog = await screen.findByRole('dialog', { name: /^Archive "Acme Analytics Platform: SOC 2 Type 2"\?/ });
    expect(within(dialog).getByText(/It becomes read-only: no one can change its settings, controls, tests, samples, findings/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Nothing is deleted: it can still be read and exported\. It leaves the engagement list; an admin can\s+restore it/)).toBeInTheDocument();
    expect(api.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));

    await waitFor(() => expect(api.writes()).toEqual([{ method: 'DELETE', path: `${URL}?version=3`, body: undefined }]));
    expect(await screen.findByText(/^Archived on /)).toBeInTheDocument();
    expect(screen.getByText('An admin can restore it.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText(/^Engagement name/)).toBeDisabled());
    expect(screen.queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Archive this engagement' })).not.toBeInTheDocument();
  });

  it('lets an admin restore an archived engagement at its version', async () => {
    const api = fakeApi('admin', {
      [`GET ${URL}`]: () => ({ status: 200, body: engagement({ version: 4, archivedAt: ARCHIVED_AT }) }),
      [`POST ${URL}/restore`]: () => ({ status: 200, body: engagement({ version: 5 }) }),
    });
    renderAt(<SettingsPage />);
    await user.click(await screen.findByRole('button', { name: 'Restore the engagement' }));
    await waitFor(() => expect(api.writes()).toEqual([{ method: 'POST', path: `${URL}/restore`, body: { version: 4 } }]));
  });

  it('offers neither archiving nor restoring to a viewer', async () => {
    fakeApi('viewer');
    renderAt(<SettingsPage />);
    await screen.findByLabelText(/^Engagement name/);
    expect(screen.queryByRole('button', { name: /Archive|Restore/ })).not.toBeInTheDocument();
  });
});

describe('the archived engagements', () => {
  const older = engagement({ id: 'eng-0', name: 'FY2025', periodEnd: '2025-06-30', version: 7, archivedAt: ARCHIVED_AT });
  const routes = {
    [`GET /organizations/${ORG}/engagements?limit=100&archived=only`]: () => ({ status: 200, body: paged([older]) }),
    [`POST /organizations/${ORG}/engagements/eng-0/restore`]: () => ({ status: 200, body: { ...older, version: 8, archivedAt: null } }),
  };

  it('lists them with a link to each, and restores one for an admin', async () => {
    const api = fakeApi('admin', routes);
    renderAt(<SettingsPage />, 'archived');
    const table = await screen.findByRole('table', { name: 'Archived engagements' });
    expect(within(table).getByRole('link', { name: 'FY2025' })).toHaveAttribute('href', `/o/${ORG}/e/eng-0`);
    await user.click(within(table).getByRole('button', { name: 'Restore FY2025' }));
    await waitFor(() => expect(api.writes()).toEqual([{ method: 'POST', path: `/organizations/${ORG}/engagements/eng-0/restore`, body: { version: 7 } }]));
  });

  it('lists them without a restore button for the compliance lead', async () => {
    fakeApi('compliance', routes);
    renderAt(<SettingsPage />, 'archived');
    const table = await screen.findByRole('table', { name: 'Archived engagements' });
    expect(within(table).getByText('FY2025')).toBeInTheDocument();
    expect(within(table).queryByRole('button')).not.toBeInTheDocument();
  });
});
