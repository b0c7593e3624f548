/** The router's first render: every lazily loaded page has a fallback while its code loads (no React Router warning). */
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from './routes.js';
import { stubFetch } from './testing.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const everyRoute = (list: RouteObject[]): RouteObject[] => list.flatMap((route) => [route, ...everyRoute(route.children ?? [])]);

describe('routes', () => {
  it('give every page loaded lazily a fallback to show while its code loads', () => {
    const lazy = everyRoute(routes).filter((route) => route.lazy);
    expect(lazy.length).toBeGreaterThan(10);
    expect(lazy.filter((route) => !route.HydrateFallback).map((route) => route.path ?? '(index)')).toEqual([]);
  });

  it('render the dashboard first without React Router’s warning of a missing HydrateFallback', () => {
    stubFetch({});
    // React Router warns once per run: this is the file's only render.
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    render(
      <MantineProvider env="test">
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <RouterProvider router={createMemoryRouter(routes, { initialEntries: ['/o/org-1/e/eng-1'] })} />
        </QueryClientProvider>
      </MantineProvider>,
    );
    // The warning comes with the first render, which render() has done.
    expect(warnings.mock.calls.map((args) => args.map(String).join(' ')).filter((line) => /HydrateFallback/.test(line))).toEqual([]);
  });
});
