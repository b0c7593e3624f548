/** The frame of the engagement pages for an archived engagement: said on every page, and kept in the switcher once. */
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEngagement, renderAt, stubFetch } from '../testing.js';
import { Layout } from './Layout.js';

afterEach(() => vi.unstubAllGlobals());

const API = '/api/v1/organizations/org-1';

describe('Layout of an archived engagement', () => {
  it('says it is archived, and lists it once in the switcher even while the list read before still has it', async () => {
    const archived = buildEngagement({ archivedAt: '2026-07-15T08:00:00.000Z', version: 4 });
    stubFetch({
      'GET /api/v1/auth/me': { status: 200, body: { kind: 'user', user: { id: 'u1', email: 'admin@acme.example', displayName: 'Ada' }, csrfToken: 't' } },
      'GET /api/v1/organizations': { status: 200, body: { items: [{ id: 'org-1', slug: 'acme', name: 'Acme', role: 'admin', version: 1 }] } },
      [`GET ${API}/engagements?limit=100`]: { status: 200, body: { items: [buildEngagement()], total: 1, limit: 100, offset: 0 } },
      [`GET ${API}/engagements/eng-1`]: { status: 200, body: archived },
    });
    renderAt('/o/org-1/e/eng-1', <Layout />, '');
    expect(await screen.findByText('This engagement is archived')).toBeInTheDocument();
    expect(screen.getByText(/it is read-only: its work is kept and can be read and\s+exported/)).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Engagement' })).toHaveTextContent('Acme 2026 (archived)');
    await userEvent.click(screen.getByRole('button', { name: 'Engagement' }));
    // The organisation switcher's options (Acme) are in the page too.
    const engagements = (await screen.findAllByRole('option', { hidden: true })).map((o) => o.textContent).filter((t) => t?.startsWith('Acme 2026'));
    expect(engagements).toEqual(['Acme 2026 (archived)']);
  });
});
