/** The account menu: changing one's password (current one first) and signing out everywhere after confirmation. */
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAt, stubFetch, type Answer } from '../testing.js';
import { AccountMenu } from './AccountMenu.js';

afterEach(() => vi.unstubAllGlobals());

const user = userEvent.setup({ delay: null });
const ME: Answer = { status: 200, body: { kind: 'user', user: { id: 'u-1', email: 'ann@acme.example', displayName: 'Ann' }, token: null, csrfToken: 'csrf' } };
const ORGS: Answer = { status: 200, body: { items: [{ id: 'org-1', slug: 'acme', name: 'Acme', role: 'viewer', version: 1 }] } };

function open(answers: Record<string, Answer>) {
  const calls = stubFetch({}, { 'GET /auth/me': ME, 'GET /organizations': ORGS, ...answers });
  renderAt('/o/org-1/e/eng-1', <AccountMenu />, '');
  return () => calls.filter((c) => c.method === 'POST');
}

/** Opens the password dialog from the menu and sends `current` with the new password 'my brand new password'. */
async function changePassword(current: string) {
  await user.click(await screen.findByRole('button', { name: 'Account of ann@acme.example' }));
  await user.click(await screen.findByRole('menuitem', { name: 'Change password' }));
  const dialog = await screen.findByRole('dialog', { name: 'Change your password' });
  await user.type(within(dialog).getByLabelText(/^Current password/), current);
  await user.type(within(dialog).getByLabelText(/^New password \*?$/), 'my brand new password');
  await user.type(within(dialog).getByLabelText(/^New password, again/), 'my brand new password');
  await user.click(within(dialog).getByRole('button', { name: 'Change password' }));
  return dialog;
}

describe('AccountMenu', () => {
  it('links the API documentation, opened beside the app', async () => {
    open({});
    await user.click(await screen.findByRole('button', { name: 'Account of ann@acme.example' }));
    const docs = await screen.findByRole('menuitem', { name: 'API documentation' });
    expect(docs).toHaveAttribute('href', '/api/docs');
    expect(docs).toHaveAttribute('target', '_blank');
  });

  it('changes the password with the current one, and says how many other sessions ended', async () => {
    const writes = open({ 'POST /auth/password': { status: 200, body: { sessionsEnded: 2 } } });
    await changePassword('my old password');
    expect(await screen.findByText('Your password is changed; 2 other sessions signed out.')).toBeInTheDocument();
    expect(writes()).toEqual([{ method: 'POST', url: '/api/v1/auth/password', body: { currentPassword: 'my old password', newPassword: 'my brand new password' } }]);
  });

  it('shows the server’s refusal of a wrong current password', async () => {
    open({ 'POST /auth/password': { status: 422, body: { title: 'Unprocessable content', status: 422, detail: 'The password was not changed', issues: [{ location: 'currentPassword', message: 'is not your current password' }] } } });
    const dialog = await changePassword('a wrong guess');
    // The refusal is said once, in words, and its reason stands on the field it names (not as a raw path).
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The password was not changed');
    expect(within(dialog).getByRole('alert')).not.toHaveTextContent('currentPassword');
    expect(within(dialog).getByText('is not your current password')).toBeInTheDocument();
  });

  it('signs out everywhere only after confirmation, then goes to the sign-in page', async () => {
    const writes = open({ 'POST /auth/sessions/end-all': { status: 200, body: { sessionsEnded: 3 } } });
    await user.click(await screen.findByRole('button', { name: 'Account of ann@acme.example' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out everywhere' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    expect(writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/login'));
    expect(writes()).toEqual([{ method: 'POST', url: '/api/v1/auth/sessions/end-all', body: undefined }]);
  });
});
