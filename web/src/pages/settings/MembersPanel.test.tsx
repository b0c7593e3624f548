/** Members for an admin: the requests sent to add, change a role and remove, and what a refusal shows. */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MembersPanel } from './MembersPanel.js';
import { fakeApi, MEMBERS, ORG, renderAt, type Routes, user } from './test-support.js';

afterEach(() => vi.unstubAllGlobals());

const MEMBERS_URL = `/organizations/${ORG}/members`;

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

const added = (body: unknown) => ({ status: 201, body: { ...MEMBERS[1], ...(body as object), userId: 'u-new', version: 1 } });

describe('MembersPanel for an admin', () => {
  it('adds a person who has an account by email and role only', async () => {
    const api = await openPanel({ [`POST ${MEMBERS_URL}`]: added });
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a member' });
    await user.type(within(dialog).getByLabelText(/^Email/), 'owner@acme.example');
    await choose(/^Role/, 'Control owner', dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toEqual({ method: 'POST', path: MEMBERS_URL, body: { email: 'owner@acme.example', role: 'owner' } });
  });

  it('creates the account of a new person with a name and an initial password of at least 12 characters', async () => {
    const api = await openPanel({ [`POST ${MEMBERS_URL}`]: added });
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a member' });
    await user.type(within(dialog).getByLabelText(/^Email/), 'new@acme.example');
    await choose(/^Role/, 'Viewer', dialog);
    await user.click(within(dialog).getByRole('switch', { name: /A new person/ }));
    await user.type(within(dialog).getByLabelText(/^Name/), 'Nina New');
    await user.type(within(dialog).getByLabelText(/^Initial password/), 'too short');
    await user.click(within(dialog).getByRole('button', { name: 'Add member' }));
    expect(await within(dialog).findByText('12 to 256 characters')).toBeInTheDocument();
    expect(api.writes()).toEqual([]);

    await user.type(within(dialog).getByLabelText(/^Initial password/), ' but now long enough');
    await user.click(within(dialog).getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]?.body).toEqual({
      email: 'new@acme.example',
      role: 'viewer',
      displayName: 'Nina New',
      password: 'too short but now long enough',
    });
  });

  it("shows the server's reason when someone has no account yet", async () => {
    await openPanel({
      [`POST ${MEMBERS_URL}`]: () => ({
        status: 404,
        body: { title: 'Not found', status: 404, detail: 'No account has the email x@acme.example; give a displayName and an initial password to create it' },
      }),
    });
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a member' });
    await user.type(within(dialog).getByLabelText(/^Email/), 'x@acme.example');
    await choose(/^Role/, 'Viewer', dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Add member' }));
    expect(await within(dialog).findByText(/No account has the email x@acme.example/)).toBeInTheDocument();
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
});
