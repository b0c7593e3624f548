/** The reset page: a new password typed twice, sent with the link's secret; the server's refusal shown in its words. */
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage, stubFetch } from '../../testing.js';
import { ResetPasswordPage } from './ResetPasswordPage.js';

afterEach(() => vi.unstubAllGlobals());

const user = userEvent.setup({ delay: null });

async function fill(password: string, again = password) {
  await user.type(screen.getByLabelText(/^New password \*?$/), password);
  await user.type(screen.getByLabelText(/^New password, again/), again);
  await user.click(screen.getByRole('button', { name: 'Set password' }));
}

describe('ResetPasswordPage', () => {
  it('refuses a short password and two that differ without asking the server, then sets it with the link’s secret', async () => {
    const calls = stubFetch({}, { 'POST /auth/password-reset': { status: 204, body: null } });
    renderPage('/reset-password#reset-secret', <ResetPasswordPage />, '/reset-password');
    await fill('too short');
    expect(await screen.findByText('12 to 256 characters')).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/^New password \*?$/));
    await user.clear(screen.getByLabelText(/^New password, again/));
    await fill('long enough password', 'long enough passwort');
    expect(await screen.findByText('The two passwords differ')).toBeInTheDocument();
    expect(calls).toEqual([]);

    await user.clear(screen.getByLabelText(/^New password, again/));
    await user.type(screen.getByLabelText(/^New password, again/), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText('Your password is set')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    expect(calls).toEqual([{ method: 'POST', url: '/api/v1/auth/password-reset', body: { token: 'reset-secret', newPassword: 'long enough password' } }]);
  });

  it('shows why a used or expired link is refused', async () => {
    stubFetch({}, {
      'POST /auth/password-reset': {
        status: 422,
        body: { title: 'Unprocessable content', status: 422, detail: 'The password-reset link cannot be used', issues: [{ location: 'token', message: 'is unknown, used, replaced by a newer link, or expired: ask the operator for a new one' }] },
      },
    });
    renderPage('/reset-password#old-secret', <ResetPasswordPage />, '/reset-password');
    await fill('long enough password');
    expect(await screen.findByRole('alert')).toHaveTextContent('The password-reset link cannot be used — token: is unknown, used, replaced by a newer link, or expired');
  });

  it('says what to do when the link lost its secret', async () => {
    stubFetch({});
    renderPage('/reset-password', <ResetPasswordPage />, '/reset-password');
    expect(screen.getByText(/Open the whole link the operator gave you/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Set password' })).not.toBeInTheDocument());
  });
});
