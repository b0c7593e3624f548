/**
 * HTTP test harness: a fresh migrated database, the services over it, the app, and signed-in callers of each
 * role. Each test builds its own; `close` tears all of it down.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { freshStore, type TestEngine } from '../../test/support/engines.js';
import type { Role } from '../domain/index.js';
import { OPERATOR } from '../services/platform/actor.js';
import { createServices, defaultServiceDependencies, type ServiceDependencies, type Services } from '../services/index.js';
import type { Store } from '../store/database.js';
import { buildApp } from './app.js';
import { CSRF_HEADER, SESSION_COOKIE } from './authentication.js';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A caller that can make requests: a signed-in browser session (with its CSRF token) or anonymous. */
export interface Caller {
  email: string | null;
  userId: string | null;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  store: Store;
  organizationId: string;
  anonymous: Caller;
  /** A signed-in member of the organisation with this role. */
  member(role: Role): Promise<Caller>;
  /** A signed-in user who belongs to another organisation only. */
  outsider(): Promise<Caller>;
  /** Another session of a person who has an account (password {@link TEST_PASSWORD}). */
  signIn(email: string): Promise<Caller>;
  close(): Promise<void>;
}

let counter = 0;

/** `dependencies` replace the services' defaults (e.g. where webhooks may go). */
export async function buildTestApp(engine: TestEngine, dependencies: Partial<ServiceDependencies> = {}): Promise<TestApp> {
  const store = await freshStore(engine);
  const services = createServices(store, { ...defaultServiceDependencies, ...dependencies });
  const app = await buildApp({ services, loginRateLimit: 1000 });
  const org = await services.organizations.create(OPERATOR, { slug: `org-${++counter}`, name: 'Acme Cloud, Inc.' });

  const signIn = async (email: string): Promise<Caller> => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    const { csrfToken: csrf, user } = login.json() as { csrfToken: string; user: { id: string } };
    const session = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string;
    return {
      email,
      userId: user.id,
      request: (options) =>
        app.inject({
          ...options,
          cookies: { ...(options.cookies ?? {}), [SESSION_COOKIE]: session },
          headers: { [CSRF_HEADER]: csrf, ...(options.headers ?? {}) },
        }),
    };
  };

  const addUser = async (organizationId: string, role: Role): Promise<Caller> => {
    const email = `${role}-${++counter}@acme.example`;
    await services.members.add(OPERATOR, organizationId, { email, role, displayName: role, password: TEST_PASSWORD });
    return signIn(email);
  };

  return {
    app,
    services,
    store,
    organizationId: org.id,
    anonymous: { email: null, userId: null, request: (options) => app.inject(options) },
    member: (role) => addUser(org.id, role),
    async outsider() {
      const other = await services.organizations.create(OPERATOR, { slug: `other-${++counter}`, name: 'Other Co' });
      return addUser(other.id, 'admin');
    },
    signIn,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** A fresh app for each test of the suite, closed after it. */
export function useTestApp(engine: TestEngine, dependencies: Partial<ServiceDependencies> = {}): () => TestApp {
  let current: TestApp | undefined;
  beforeEach(async () => {
    current = await buildTestApp(engine, dependencies);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useTestApp: no app outside a test');
    return current;
  };
}
