/** Members for an admin: the requests sent to invite, revoke an invitation, change a role and remove, and what a refusal shows. */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Invitation } from '../../api/invitations.js';
import { MembersPanel } from './MembersPanel.js';
import { fakeApi, ORG, renderAt, type Routes, user } from './test-support.js';

afterEach(() => vi.unstubAllGlobals());

const MEMBERS_URL = `/organizations/${ORG}/members`;
const INVITATIONS_URL = `/organizations/${ORG}/invitations`;
const PENDING: Invitation = {
  id: 'inv-1',
  organizationId: ORG,
  email: 'nina@acme.example',
  role: 'viewer',
  invitedBy: 'user:admin@acme.example',
  createdAt: '2026-05-01T09:00:00.000Z',
  expiresAt: '2026-05-08T09:00:00.000Z',
};

async function openPanel(routes: Routes = {}) {
  const api = fakeApi('admin', routes);
  renderAt(<MembersPanel />);
  await screen.findByRole('table', { name: 'Members' });
  return api;
}

async function choose(label: string | RegExp, option: string, within: HTMLElement = document.body) {
  await user.click(screen.getAllByRole('combobox', { name: label }).find((e) => within.contains(e)) as HTMLElement);
  await user.click(await screen.findByRole('option', { name: option }));
}


describe('MembersPanel for an admin', () => {
  it('invites by email and role, and shows the link once with a copy button', async () => {
    const LINK = 'https://assay.example/invitation#s3cr3t-shown-once';
    const api = await openPanel({
      [`POST ${INVITATIONS_URL}`]: (body) => ({ status: 201, body: { invitation: { ...PENDING, ...(body as object) }, link: LINK } }),
    });
    await user.click(screen.getByRole('button', { name: 'Invite member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite a member' });
    await user.type(within(dialog).getByLabelText(/^Email/), 'not an email');
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation' }));
    expect(await within(dialog).findByText('Enter an email address')).toBeInTheDocument();
    expect(within(dialog).getByText('Choose a role')).toBeInTheDocument();
    expect(api.writes()).toEqual([]);

    await user.clear(within(dialog).getByLabelText(/^Email/));
    await user.type(within(dialog).getByLabelText(/^Email/), ' nina@acme.example ');
    await choose(/^Role/, 'Control owner', dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation' }));
    await waitFor(() => expect(api.writes()).toEqual([{ method: 'POST', path: INVITATIONS_URL, body: { email: 'nina@acme.example', role: 'owner' } }]));

    const shown = await screen.findByRole('dialog', { name: 'Copy the invitation link now' });
    expect(within(shown).getByLabelText('Invitation link for nina@acme.example')).toHaveValue(LINK);
    expect(within(shown).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Copy the invitation link now' })).not.toBeInTheDocument());
    expect(document.body.innerHTML).not.toContain(LINK);
  });

  it("shows the server's refusal of an invitation", async () => {
    await openPanel({
      [`POST ${INVITATIONS_URL}`]: () => ({ status: 409, body: { title: 'Conflict', status: 409, detail: 'auditor@acme.example is already a member of this organisation' } }),
    });
    await user.click(screen.getByRole('button', { name: 'Invite member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite a member' });
    await user.type(within(dialog).getByLabelText(/^Email/), 'auditor@acme.example');
    await choose(/^Role/, 'Viewer', dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation' }));
    expect(await within(dialog).findByText('auditor@acme.example is already a member of this organisation')).toBeInTheDocument();
  });

  it('lists pending invitations and revokes one only after confirmation', async () => {
    const api = await openPanel({
      [`GET ${INVITATIONS_URL}`]: () => ({ status: 200, body: { items: [PENDING], total: 1, limit: 1000, offset: 0 } }),
      [`DELETE ${INVITATIONS_URL}/inv-1`]: () => ({ status: 204 }),
    });
    const table = await screen.findByRole('table', { name: 'Pending invitations' });
    expect(within(table).getByText('nina@acme.example')).toBeInTheDocument();
    expect(within(table).getByText('Viewer')).toBeInTheDocument();
    expect(within(table).getByText('admin@acme.example')).toBeInTheDocument();
    await user.click(within(table).getByRole('button', { name: 'Revoke the invitation of nina@acme.example' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this invitation?' });
    expect(api.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke invitation' }));
    await waitFor(() => expect(api.writes()).toEqual([{ method: 'DELETE', path: `${INVITATIONS_URL}/inv-1`, body: undefined }]));
  });

  it("changes a role with the member's version", async () => {
    const api = await openPanel({ [`PATCH ${MEMBERS_URL}/u-aud`]: () => ({ status: 200, body: {} }) });
    await choose('Role of auditor@acme.example', 'Viewer');
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toEqual({ method: 'PATCH', path: `${MEMBERS_URL}/u-aud`, body: { version: 2, role: 'viewer' } });
  });

  it('explains why the last admin cannot step down', async () => {
    await openPanel({
      [`PATCH ${MEMBERS_URL}/u-admin`]: () => ({
        status: 409,
        body: { title: 'Conflict', status: 409, detail: 'The organisation needs at least one admin' },
      }),
    });
    await choose('Role of admin@acme.example', 'Viewer');
    expect(await screen.findByText('The organisation needs at least one admin')).toBeInTheDocument();
  });

  it('removes a member only after confirmation', async () => {
    const api = await openPanel({ [`DELETE ${MEMBERS_URL}/u-aud`]: () => ({ status: 204 }) });
    await user.click(screen.getByRole('button', { name: 'Remove auditor@acme.example' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove this member?' });
    expect(api.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(api.writes()).toEqual([{ method: 'DELETE', path: `${MEMBERS_URL}/u-aud`, body: undefined }]));
  });

  it('offers no way to remove yourself', async () => {
    await openPanel();
    expect(screen.getByRole('button', { name: 'Remove auditor@acme.example' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove admin@acme.example' })).not.toBeInTheDocument();
  });
});
