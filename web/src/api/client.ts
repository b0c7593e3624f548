/**
 * The one way the web app talks to the server: JSON over /api/v1 with the session cookie, the CSRF token on
 * every write, and server errors (RFC 9457 problem details) turned into ApiError with words a person reads.
 */
import type { Paged, Problem } from '@assay/contract';
import { MAX_PAGE_SIZE } from '@assay/contract/limits.js';
import { API_PREFIX, withQuery } from './paths.js';
import { describeIssue } from './problem.js';

export type { Problem };

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null) {
    super(describeProblem(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The token a write sends, for the one request that does not go through `api` (an upload with its progress). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A file (a workspace zip) goes as it is, with its own type; a form (an upload) with the boundary the browser sets; anything else as JSON.
  const file = body instanceof Blob || body instanceof FormData ? body : null;
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = body instanceof Blob ? body.type || 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`${API_PREFIX}${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: file ?? JSON.stringify(body) } : {}),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, (json as Problem | null) ?? null);
  return json as T;
}

/**
 * Every item of a list the server pages, for a page that shows them all: pages of the largest size the server
 * allows, one after another up to the total. `itemsOf` finds the items in a response that names them otherwise.
 * Gives the first response (what a page reads beside the items) and all the items.
 */
export async function allPages<P extends { total: number }, T>(
  path: string,
  itemsOf: (page: P) => T[],
): Promise<{ first: P; items: T[] }> {
  const items: T[] = [];
  let first: P | null = null;
  for (;;) {
    const page = await api<P>('GET', withQuery(path, { limit: MAX_PAGE_SIZE, offset: items.length }));
    first ??= page;
    const found = itemsOf(page);
    items.push(...found);
    if (found.length === 0 || items.length >= page.total) return { first, items };
  }
}

/** Every item of a list the server pages as `{ items, total }` (see `allPages`). */
export async function everyItem<T>(path: string): Promise<T[]> {
  return (await allPages<Paged<T>, T>(path, (page) => page.items)).items;
}

/** What to tell a person about a failed request. */
export function describeProblem(status: number, problem: Problem | null): string {
  switch (status) {
    case 401:
      return problem?.detail ?? 'Please sign in again.';
    case 403:
      return `You are not allowed to do this. ${problem?.detail ?? ''}`.trim();
    case 404:
      return problem?.detail ?? 'This no longer exists, or you have no access to it.';
    case 409:
      // A conflict is a stale version (the server then says to reload) or a rule such as "the last admin":
      // the server's own words say which.
      return problem?.detail ?? 'Someone else changed this in the meantime. Reload to see their change, then try again.';
    case 429:
      return 'Too many attempts. Wait a minute and try again.';
  }
  if (status >= 500) return 'The server ran into a problem. Try again; if it persists, tell your administrator.';
  const issues = problem?.issues?.map(describeIssue).join('; ');
  return [problem?.detail ?? problem?.title ?? 'The request was not accepted.', issues].filter(Boolean).join(' — ');
}
