/** Who may change what on the settings page: the permission table decides, the page only offers what it allows. */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsPage } from './SettingsPage.js';
import { fakeApi, ORG, renderAt, user } from './test-support.js';

afterEach(() => vi.unstubAllGlobals());

describe('SettingsPage by role', () => {
  it('shows a viewer the engagement settings read-only, with nothing to save', async () => {
    fakeApi('viewer');
    renderAt(<SettingsPage />);
    expect(await screen.findByLabelText(/^Engagement name/)).toBeDisabled();
    expect(screen.getByLabelText('Tolerable rate')).toBeDisabled();
    expect(screen.getByLabelText(/^Period start/)).toBeDisabled();
    expect(screen.getByText('Read-only')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add misstatement' })).not.toBeInTheDocument();
  });

  it('lets the compliance lead edit the engagement', async () => {
    fakeApi('compliance');
    renderAt(<SettingsPage />);
    expect(await screen.findByLabelText(/^Engagement name/)).toBeEnabled();
    expect(screen.getByLabelText('Tolerable rate')).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add misstatement' })).toBeInTheDocument();
    // Security is always in: never a choice.
    expect(screen.getByRole('checkbox', { name: 'Security' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Security' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Availability' })).toBeEnabled();
  });

  it('lists members read-only for a role without member.manage', async () => {
    const api = fakeApi('compliance');
    renderAt(<SettingsPage />, 'members');
    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).getByText('auditor@acme.example')).toBeInTheDocument();
    expect(within(table).getByText('Auditor')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite member' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Remove / })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: /^Role of / })).not.toBeInTheDocument();
    // Pending invitations name people who are not members yet: an admin's to see.
    expect(api.sent.some((s) => s.path.includes('/invitations'))).toBe(false);
  });

  it('lets an admin manage members', async () => {
    fakeApi('admin');
    renderAt(<SettingsPage />, 'members');
    await screen.findByRole('table', { name: 'Members' });
    expect(screen.getByRole('button', { name: 'Invite member' })).toBeInTheDocument();
    expect(await screen.findByText('No pending invitations.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove auditor@acme.example' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Role of auditor@acme.example' })).toBeInTheDocument();
  });

  it('neither shows nor asks for API tokens without token.manage', async () => {
    const api = fakeApi('compliance');
    renderAt(<SettingsPage />, 'tokens');
    expect(await screen.findByText(/An admin of the organisation creates and revokes them/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create token' })).not.toBeInTheDocument();
    expect(api.sent.some((s) => s.path.includes('/tokens'))).toBe(false);
  });

  it('opens another tab', async () => {
    fakeApi('admin');
    renderAt(<SettingsPage />);
    await screen.findByLabelText(/^Engagement name/);
    await user.click(screen.getByRole('tab', { name: 'API tokens' }));
    expect(await screen.findByRole('table', { name: 'API tokens' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'API tokens' })).toHaveAttribute('aria-selected', 'true');
  });

  it('lets an admin choose the locale of the organisation’s dates, at the version read', async () => {
    const api = fakeApi('admin', {
      [`PATCH /organizations/${ORG}`]: () => ({ status: 200, body: { id: ORG, slug: 'acme', name: 'Acme Cloud, Inc.', role: 'admin', version: 2, locale: 'en-US' } }),
    });
    renderAt(<SettingsPage />, 'organization');
    const dates = await screen.findByRole('combobox', { name: /^Dates/ });
    expect(dates).toHaveValue('English (United Kingdom): 31/12/2026');
    await user.click(dates);
    await user.click(await screen.findByRole('option', { name: 'English (United States): 12/31/2026' }));
    await waitFor(() => expect(api.writes()).toEqual([{ method: 'PATCH', path: `/organizations/${ORG}`, body: { version: 1, locale: 'en-US' } }]));
  });

  it('shows the others which locale it is, without a choice', async () => {
    fakeApi('compliance');
    renderAt(<SettingsPage />, 'organization');
    expect(await screen.findByRole('combobox', { name: /^Dates/ })).toBeDisabled();
    expect(screen.getByText('An admin chooses how dates are written.')).toBeInTheDocument();
  });
});
