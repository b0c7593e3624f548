/** API tokens for an admin: the secret shown once after creation, the requests sent, revoking with confirmation. */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiToken } from '../../api/settings.js';
import { TokensPanel } from './TokensPanel.js';
import { fakeApi, ORG, renderAt, TOKENS, type Routes, user } from './test-support.js';

afterEach(() => vi.unstubAllGlobals());

const TOKENS_URL = `/organizations/${ORG}/tokens`;
const SECRET = 'assay_s3cr3t-shown-once';
const NOW = new Date('2026-05-04T12:00:00Z');

async function openPanel(routes: Routes = {}) {
  const api = fakeApi('admin', routes);
  renderAt(<TokensPanel clock={() => NOW} />);
  await screen.findByRole('table', { name: 'API tokens' });
  return api;
}

/** Opens the creation dialog, fills it in and sends it; the dialog stays for what follows. */
async function createToken(name: string, role: string, expiresOn: string) {
  await user.click(screen.getByRole('button', { name: 'Create token' }));
  const form = await screen.findByRole('dialog', { name: 'Create an API token' });
  await user.type(within(form).getByLabelText(/^Name/), name);
  await user.click(within(form).getByRole('combobox', { name: /^Role/ }));
  await user.click(await screen.findByRole('option', { name: role }));
  await user.type(within(form).getByLabelText(/^Expires on/), expiresOn);
  await user.click(within(form).getByRole('button', { name: 'Create token' }));
  return form;
}

describe('TokensPanel for an admin', () => {
  it('shows the secret once after creation, and never again once dismissed', async () => {
    const stored: ApiToken[] = [...TOKENS];
    const api = await openPanel({
      [`GET ${TOKENS_URL}`]: () => ({ status: 200, body: { items: stored, total: stored.length, limit: 1000, offset: 0 } }),
      [`POST ${TOKENS_URL}`]: (body) => {
        const input = body as { name: string; role: ApiToken['role']; expiresAt: string | null };
        const token: ApiToken = { ...TOKENS[0]!, id: 't-2', name: input.name, role: input.role, expiresAt: input.expiresAt };
        stored.unshift(token);
        return { status: 201, body: { token, secret: SECRET } };
      },
    });
    await createToken('Nightly export', 'Viewer', '2026-12-31');

    const shown = await screen.findByRole('dialog', { name: 'Copy the new token now' });
    expect(within(shown).getByLabelText('Secret of “Nightly export”')).toHaveValue(SECRET);
    expect(within(shown).getByText(/cannot be shown again/)).toBeInTheDocument();
    expect(within(shown).getByRole('button', { name: 'Copy secret' })).toBeInTheDocument();
    expect(api.writes()).toEqual([
      { method: 'POST', path: TOKENS_URL, body: { name: 'Nightly export', role: 'viewer', expiresAt: '2026-12-31T23:59:59Z' } },
    ]);

    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Copy the new token now' })).not.toBeInTheDocument());
    const table = await screen.findByRole('table', { name: 'API tokens' });
    await within(table).findByText('Nightly export');
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('sends no expiry for a token that works until revoked, and refuses a day in the past', async () => {
    const api = await openPanel({
      [`POST ${TOKENS_URL}`]: () => ({ status: 201, body: { token: TOKENS[0], secret: SECRET } }),
    });
    const form = await createToken('CI', 'Auditor', '2026-05-03');
    expect(await within(form).findByText('Choose today or a later day')).toBeInTheDocument();
    expect(api.writes()).toEqual([]);

    await user.clear(within(form).getByLabelText(/^Expires on/));
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]?.body).toEqual({ name: 'CI', role: 'auditor', expiresAt: null });
  });

  it('lists each token with its role, use, expiry and state', async () => {
    await openPanel({
      [`GET ${TOKENS_URL}`]: () => ({
        status: 200,
        body: {
          items: [
            { ...TOKENS[0], revokedAt: '2026-03-01T10:00:00.000Z' },
            { ...TOKENS[0], id: 't-3', name: 'Old script', expiresAt: '2026-04-30T23:59:59.000Z' },
          ],
          total: 2,
          limit: 1000,
          offset: 0,
        },
      }),
    });
    const rows = within(screen.getByRole('table', { name: 'API tokens' })).getAllByRole('row');
    expect(within(rows[1]!).getByText('revoked')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Compliance')).toBeInTheDocument();
    expect(within(rows[1]!).getAllByText('never')).toHaveLength(2); // never used, never expires
    expect(within(rows[1]!).queryByRole('button', { name: /^Revoke/ })).not.toBeInTheDocument();
    expect(within(rows[2]!).getByText('expired')).toBeInTheDocument();
  });

  it('revokes a token only after confirmation', async () => {
    const api = await openPanel({ [`DELETE ${TOKENS_URL}/t-1`]: () => ({ status: 204 }) });
    await user.click(screen.getByRole('button', { name: 'Revoke CI evidence upload' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this token?' });
    expect(api.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(api.writes()).toEqual([{ method: 'DELETE', path: `${TOKENS_URL}/t-1`, body: undefined }]));
  });
});
