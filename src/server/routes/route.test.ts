import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeDeclarer } from './route.js';

describe('routeDeclarer', () => {
  const route = routeDeclarer('controls');
  const params = z.object({ controlId: z.string() });
  const response = { 200: z.object({ id: z.string() }) };

  it('puts the permission in config, where the authentication hook reads it, and tags the schema with the module', () => {
    expect(route('control.read', 'One control', { params, response })).toEqual({
      config: { permission: 'control.read' },
      schema: { tags: ['controls'], summary: 'One control', params, response },
    });
  });

  it('keeps other route settings beside the permission, which they cannot replace', () => {
    const rateLimit = { max: 5, timeWindow: '1 minute' };
    const sneaky = { rateLimit, permission: 'public' } as unknown as { rateLimit: typeof rateLimit };
    expect(route('signed-in', 'Sign out', { response }, sneaky).config).toEqual({ rateLimit, permission: 'signed-in' });
  });

  it('lets a route that belongs to two resources name both tags', () => {
    expect(route('finding.manage', 'Import findings', { tags: ['oscal', 'findings'], response }).schema.tags).toEqual(['oscal', 'findings']);
  });
});
