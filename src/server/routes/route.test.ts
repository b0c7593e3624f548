import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import type { ApiOptions } from './index.js';
import { routeDeclarer, routeModule } from './route.js';

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

describe('routeModule', () => {
  it('declares the routes with the services and options it is registered with, tagged with its resource', async () => {
    const services = { tokens: { name: 'the tokens service' } } as unknown as Services;
    const options: ApiOptions = { services, secureCookies: true, loginRateLimit: 7, publicUrl: null };
    const seen: unknown[] = [];
    const module = routeModule('tokens', (app, route, given, apiOptions) => {
      seen.push(given, apiOptions.loginRateLimit, route('public', 'Echo', {}).schema.tags);
      app.post('/echo', { ...route('public', 'Echo', { body: z.object({ n: z.number() }) }), handler: async (request) => ({ n: request.body.n + 1 }) });
    });
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(module, options);
    expect(seen).toEqual([services, 7, ['tokens']]);
    // The app is the zod-typed one: the body is validated against the route's schema.
    expect((await app.inject({ method: 'POST', url: '/echo', payload: { n: 1 } })).json()).toEqual({ n: 2 });
    expect((await app.inject({ method: 'POST', url: '/echo', payload: { n: 'one' } })).statusCode).toBe(400);
    await app.close();
  });
});
