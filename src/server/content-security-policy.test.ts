// The Content Security Policy of the API's documentation page: the app's own (no inline script, no other
// origin), on the page and on the scripts it loads. The policy reads no data, so one engine is enough.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshStore } from '../../test/support/engines.js';
import { createServices } from '../services/index.js';
import { buildApp } from './app.js';

/** A policy's directives by name, e.g. `script-src` → ["'self'"]. */
function directives(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    (header as string)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('Content Security Policy of the API documentation', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ services: createServices(await freshStore('sqlite')), webRoot: null });
  });
  afterAll(() => app.close());

  it('is the API’s own policy on the docs page and its initializer script: scripts from this origin only, never inline', async () => {
    const api = directives((await app.inject({ method: 'GET', url: '/api/v1/health' })).headers['content-security-policy']);
    for (const url of ['/api/docs', '/api/docs/static/swagger-initializer.js']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      const policy = directives(response.headers['content-security-policy']);
      expect(policy, url).toEqual(api);
      expect(policy.get('script-src'), url).toEqual(["'self'"]);
      expect(policy.get('script-src-attr'), url).toEqual(["'none'"]);
      expect(policy.get('default-src'), url).toEqual(["'self'"]);
    }
  });

  it('serves a page whose scripts are all files (nothing inline for the policy to forbid)', async () => {
    const page = (await app.inject({ method: 'GET', url: '/api/docs' })).body;
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
  });
});
