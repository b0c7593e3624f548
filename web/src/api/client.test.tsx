import { describe, expect, it } from 'vitest';
import { describeProblem } from './client.js';

describe('describeProblem', () => {
  it('offers a reload on a conflict', () => {
    expect(describeProblem(409, { title: 'Conflict', status: 409 })).toMatch(/Someone else changed this.*Reload/);
    expect(describeProblem(409, { title: 'Conflict', status: 409, detail: 'The organisation needs at least one admin' })).toBe('The organisation needs at least one admin');
  });

  it('lists where a validation problem is', () => {
    const text = describeProblem(400, {
      title: 'Bad request',
      status: 400,
      detail: 'The request body is not valid',
      issues: [{ location: '$.populationSize', message: 'must be at least 0' }],
    });
    expect(text).toBe('The request body is not valid — $.populationSize: must be at least 0');
  });

  it('hides server details', () => {
    expect(describeProblem(500, null)).toMatch(/server ran into a problem/);
  });
});
