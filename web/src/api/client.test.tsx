import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PAGE_SIZE } from '@assay/contract/limits.js';
import { firstPage, onePage, stubFetch } from '../testing.js';
import { describeProblem, everyItem } from './client.js';

describe('describeProblem', () => {
  it('offers a reload on a conflict', () => {
    expect(describeProblem(409, { type: 'https://assay.dev/problems/409', title: 'Conflict', status: 409 })).toMatch(/Someone else changed this.*Reload/);
    expect(describeProblem(409, { type: 'https://assay.dev/problems/409', title: 'Conflict', status: 409, detail: 'The organisation needs at least one admin' })).toBe('The organisation needs at least one admin');
  });

  it('lists where a validation problem is, without the raw JSON path', () => {
    const text = describeProblem(400, {
      type: 'https://assay.dev/problems/400',
      title: 'Bad request',
      status: 400,
      detail: 'The request body is not valid',
      issues: [{ location: '$.populationSize', message: 'must be at least 0' }],
    });
    expect(text).toBe('The request body is not valid — populationSize: must be at least 0');
  });

  it('hides server details', () => {
    expect(describeProblem(500, null)).toMatch(/server ran into a problem/);
  });
});

describe('everyItem', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads page after page of the largest size up to the total', async () => {
    const all = Array.from({ length: MAX_PAGE_SIZE + 7 }, (_, i) => i);
    const calls = stubFetch({
      [`GET /api/v1${firstPage('/things?kind=a')}`]: { status: 200, body: { ...onePage(all.slice(0, MAX_PAGE_SIZE)), total: all.length } },
      [`GET /api/v1/things?kind=a&limit=${MAX_PAGE_SIZE}&offset=${MAX_PAGE_SIZE}`]: { status: 200, body: { ...onePage(all.slice(MAX_PAGE_SIZE)), total: all.length } },
    });
    expect(await everyItem<number>('/things?kind=a')).toEqual(all);
    expect(calls).toHaveLength(2);
  });
});
