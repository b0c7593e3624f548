/**
 * What the pages' component tests share: a `fetch` that answers from fixtures and records what was sent, and
 * rendering a page at an address inside the providers the app gives it.
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import { MAX_PAGE_SIZE } from '@assay/contract/limits.js';
import type { Engagement } from './api/programme.js';

export interface Call {
  method: string;
  url: string;
  body: unknown;
}

export type Answer = { status: number; body: unknown };

/** An engagement as the API returns it: a Type 2 over Security and Availability; each page's tests set what they read. */
export function buildEngagement(overrides: Partial<Engagement> = {}): Engagement {
  return {
    id: 'eng-1',
    organizationId: 'org-1',
    name: 'Acme 2026',
    system: 'Acme Cloud',
    reportType: 'type2',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    categories: ['security', 'availability'],
    notApplicable: [],
    sampling: { confidence: 0.9, tolerableRate: 0.1 },
    pervasiveness: { minSeries: 3, minShare: 0.25 },
    misstatements: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    version: 3,
    revision: 1,
    previousEngagementId: null,
    archivedAt: null,
    ...overrides,
  };
}

/** The address of the first page of a paged list as the web app asks for it (the largest page). */
export function firstPage(path: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}limit=${MAX_PAGE_SIZE}&offset=0`;
}

/** A whole list as one page of the largest size. */
export function onePage<T>(items: T[]) {
  return { items, total: items.length, limit: MAX_PAGE_SIZE, offset: 0 };
}

/**
 * Stubs `fetch`: a request is answered by `answers[`${method} ${url}`]` (the full URL, /api/v1 included), or
 * 404. `overrides` are keyed by the path after /api/v1. Returns the calls made, to assert on what was sent.
 */
export function stubFetch(answers: Record<string, Answer>, overrides: Record<string, Answer> = {}): Call[] {
  const calls: Call[] = [];
  const all = { ...answers };
  for (const [key, answer] of Object.entries(overrides)) all[key.replace(' ', ' /api/v1')] = answer;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      calls.push({ method, url: input, body });
      const answer = all[`${method} ${input}`] ?? { status: 404, body: { title: 'Not found', status: 404 } };
      // A 204 has no body (the Response constructor refuses one).
      return new Response(answer.status === 204 ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

/** Where the router is, for tests that follow a link. */
function Location() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/** Renders a page at `path` (under the engagement route), inside the providers the app gives it. */
export function renderAt(path: string, page: ReactElement, pattern: string) {
  return renderPage(path, page, `/o/:organizationId/e/:engagementId${pattern}`);
}

/** Renders a page at `path` (its hash included) where the route `routePath` matches, inside the app's providers. */
export function renderPage(path: string, page: ReactElement, routePath: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const view = render(
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={routePath} element={page} />
            <Route path="*" element={null} />
          </Routes>
          <Location />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...view, client };
}
