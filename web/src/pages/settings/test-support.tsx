/**
 * Component-test harness of the settings page: the page at its address with fresh providers, and a fake API
 * (fetch stubbed) that answers by method and path and records every request with its body.
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import type { Engagement } from '../../api/programme.js';
import type { ApiToken, Member } from '../../api/settings.js';
import type { Role } from '../../api/types.js';
import { buildEngagement } from '../../testing.js';

// The whole page renders in jsdom, which on a busy machine takes longer than Testing Library's default 1 s.
configure({ asyncUtilTimeout: 5000 });

/** A person at the keyboard and mouse, without the pause user-event makes between keystrokes. */
export const user = userEvent.setup({ delay: null });

export const ORG = 'org-1';
export const ENGAGEMENT = 'eng-1';
export const ME = { id: 'u-admin', email: 'admin@acme.example', displayName: 'Ada Admin' };

export interface Sent {
  method: string;
  path: string;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
}

type Handler = (body: unknown, path: string) => Reply;

/** A handler per `METHOD /path` (path after /api/v1, query string included only when the key has one). */
export type Routes = Record<string, Handler>;

export function engagement(overrides: Partial<Engagement> = {}): Engagement {
  return buildEngagement({
    id: ENGAGEMENT,
    organizationId: ORG,
    name: 'Acme Analytics Platform: SOC 2 Type 2',
    system: 'Acme Analytics Platform',
    createdAt: '2026-01-02T10:00:00.000Z',
    ...overrides,
  });
}

export const MEMBERS: Member[] = [
  { organizationId: ORG, userId: 'u-admin', email: 'admin@acme.example', displayName: 'Ada Admin', role: 'admin', createdAt: '2026-01-01T00:00:00.000Z', version: 1 },
  { organizationId: ORG, userId: 'u-aud', email: 'auditor@acme.example', displayName: 'Aude Auditor', role: 'auditor', createdAt: '2026-01-01T00:00:00.000Z', version: 2 },
];

export const TOKENS: ApiToken[] = [
  {
    id: 't-1',
    organizationId: ORG,
    name: 'CI evidence upload',
    role: 'compliance',
    createdBy: 'u-admin',
    createdAt: '2026-02-01T09:00:00.000Z',
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
  },
];

const paged = <T,>(items: T[]) => ({ items, total: items.length, limit: 1000, offset: 0 });

/** The reads every settings page makes, for a member of `role`; `routes` adds or overrides. */
export function fakeApi(role: Role, routes: Routes = {}) {
  const sent: Sent[] = [];
  const all: Routes = {
    'GET /auth/me': () => ({ status: 200, body: { kind: 'user', user: ME, token: null, csrfToken: 'csrf-1' } }),
    'GET /organizations': () => ({ status: 200, body: { items: [{ id: ORG, slug: 'acme', name: 'Acme Cloud, Inc.', role, version: 1, locale: 'en-GB' }] } }),
    [`GET /organizations/${ORG}/engagements?limit=100`]: () => ({ status: 200, body: paged([engagement()]) }),
    [`GET /organizations/${ORG}/engagements/${ENGAGEMENT}`]: () => ({ status: 200, body: engagement() }),
    [`GET /organizations/${ORG}/members`]: () => ({ status: 200, body: paged(MEMBERS) }),
    [`GET /organizations/${ORG}/tokens`]: () => ({ status: 200, body: paged(TOKENS) }),
    [`GET /organizations/${ORG}/invitations`]: () => ({ status: 200, body: paged([]) }),
    ...routes,
  };
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    sent.push({ method, path: path + url.search, body });
    const handler = all[`${method} ${path}${url.search}`] ?? all[`${method} ${path}`];
    const reply = handler ? handler(body, path) : { status: 404, body: { title: 'Not found', status: 404 } };
    return new Response(reply.status === 204 ? null : JSON.stringify(reply.body ?? null), {
      status: reply.status,
      headers: { 'content-type': reply.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchStub);
  return {
    sent,
    /** The writes sent, in order. */
    writes: () => sent.filter((s) => s.method !== 'GET'),
  };
}

export function renderAt(element: ReactNode, tab?: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter([{ path: '/o/:organizationId/e/:engagementId/settings', element }], {
    initialEntries: [`/o/${ORG}/e/${ENGAGEMENT}/settings${tab ? `?tab=${tab}` : ''}`],
  });
  return render(
    <MantineProvider env="test">
      <Notifications />
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}
