/** The invitation page: a new person sets their own name and password; a signed-in person accepts only their own invitation. */
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch, renderPage, type Answer } from '../../testing.js';
import { InvitationPage } from './InvitationPage.js';

afterEach(() => vi.unstubAllGlobals());

const user = userEvent.setup({ delay: null });
const SECRET = 'the-invitation-secret';
const PREVIEW = { organizationName: 'Acme Cloud, Inc.', email: 'nina@acme.example', role: 'auditor', expiresAt: '2026-05-08T09:00:00.000Z' };
const NOBODY: Answer = { status: 401, body: { title: 'Not signed in', status: 401 } };
const signedInAs = (email: string): Answer => ({ status: 200, body: { kind: 'user', user: { id: 'u-1', email, displayName: 'N' }, token: null, csrfToken: 'csrf' } });

/** The preview's answer: a test may change it once the page has it. */
let preview: Answer;

function open(answers: Record<string, Answer>) {
  preview = { status: 200, body: PREVIEW };
  const calls = stubFetch({}, { 'POST /invitations/preview': preview, 'GET /auth/me': NOBODY, ...answers });
  renderPage(`/invitation#${SECRET}`, <InvitationPage />, '/invitation');
  return calls;
}
const writes = (calls: ReturnType<typeof stubFetch>) => calls.filter((c) => c.method === 'POST' && !c.url.endsWith('/preview'));

describe('InvitationPage', () => {
  it('lets a new person choose their name and password, sends the secret from the fragment, and lands signed in', async () => {
    const calls = open({ 'POST /invitations/sign-up': { status: 200, body: { user: { id: 'u-1', email: 'nina@acme.example', displayName: 'Nina' }, csrfToken: 'c', expiresAt: 'x' } } });
    expect(await screen.findByRole('heading', { name: 'Join Acme Cloud, Inc.' })).toBeInTheDocument();
    expect(screen.getByText(/You are invited as/)).toHaveTextContent('You are invited as Auditor with the email nina@acme.example.');
    expect(calls).toContainEqual({ method: 'POST', url: '/api/v1/invitations/preview', body: { token: SECRET } });

    await user.type(screen.getByLabelText(/^Your name/), 'Nina');
    await user.type(screen.getByLabelText(/^Password \*?$/), 'long enough password');
    await user.type(screen.getByLabelText(/^Password, again/), 'a different one!!');
    await user.click(screen.getByRole('button', { name: 'Create my account and join' }));
    expect(await screen.findByText('The two passwords differ')).toBeInTheDocument();
    expect(writes(calls)).toEqual([]);

    await user.clear(screen.getByLabelText(/^Password, again/));
    await user.type(screen.getByLabelText(/^Password, again/), 'long enough password');
    // Once used, the invitation is no longer pending: signing in must not strand the person on its refusal.
    Object.assign(preview, { status: 409, body: { title: 'Conflict', status: 409, detail: 'This invitation has already been accepted; sign in instead' } });
    await user.click(screen.getByRole('button', { name: 'Create my account and join' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    expect(writes(calls)).toEqual([{ method: 'POST', url: '/api/v1/invitations/sign-up', body: { token: SECRET, displayName: 'Nina', password: 'long enough password' } }]);
  });

  it('lets the invitee accept while signed in as the invited email', async () => {
    const calls = open({ 'GET /auth/me': signedInAs('Nina@Acme.example'), 'POST /invitations/accept': { status: 200, body: { organizationId: 'org-9', role: 'auditor' } } });
    await user.click(await screen.findByRole('button', { name: 'Accept and join Acme Cloud, Inc.' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/?organization=org-9'));
    expect(writes(calls)).toEqual([{ method: 'POST', url: '/api/v1/invitations/accept', body: { token: SECRET } }]);
    expect(screen.queryByRole('form', { name: 'Create your account' })).not.toBeInTheDocument();
  });

  it('offers no acceptance to someone signed in with another email', async () => {
    open({ 'GET /auth/me': signedInAs('bob@acme.example') });
    expect(await screen.findByText(/You are signed in as bob@acme.example; this invitation is for nina@acme.example/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Accept/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('says why a used, revoked or expired invitation cannot be used', async () => {
    open({ 'POST /invitations/preview': { status: 409, body: { title: 'Conflict', status: 409, detail: 'This invitation has expired; ask the organisation’s admin for a new one' } } });
    expect(await screen.findByText('This invitation has expired; ask the organisation’s admin for a new one')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create my account and join' })).not.toBeInTheDocument();
  });

  it('signs an existing account in with the invited email, then offers to accept', async () => {
    const calls = open({ 'POST /auth/login': { status: 200, body: { user: { id: 'u-1', email: 'nina@acme.example', displayName: 'Nina' }, csrfToken: 'c', expiresAt: 'x' } } });
    await user.type(await screen.findByLabelText('Password of nina@acme.example'), 'my existing password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('button', { name: 'Accept and join Acme Cloud, Inc.' })).toBeInTheDocument();
    expect(writes(calls)[0]).toEqual({ method: 'POST', url: '/api/v1/auth/login', body: { email: 'nina@acme.example', password: 'my existing password' } });
  });
});
