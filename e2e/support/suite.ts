/**
 * One browser test file's world: the server on a fresh database and one Chromium, started before the file's
 * tests and stopped after them; each test opens its own browser contexts (closed after it), so no test sees
 * another's cookies or storage. Without Chromium the tests fail when CI is set, and are skipped with a message
 * otherwise. Tests reach the world through `e2e()` inside the test (not in their own `beforeAll`), so a world
 * that did not start fails them rather than skipping them.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { isCi } from '../../test/support/postgres.js';
import { chromiumUnavailableReason, launchChromium } from './chromium.js';
import { DEMO_PASSWORD, startServer, type ServerOptions, type TestServer } from './server.js';

/** The size the screenshots and layouts are checked at (DESIGN: usable at 1280px). */
export const VIEWPORT = { width: 1280, height: 800 };

/** Generous: a cold Chromium and a production bundle on a busy two-core machine. */
export const E2E_TIMEOUT = 120_000;

export interface SignedIn {
  context: BrowserContext;
  page: Page;
  /** The session's CSRF token, for requests made outside the page. */
  csrfToken: string;
}

export interface E2E {
  server: TestServer;
  browser: Browser;
  /** A fresh context (own cookies, cache and storage) at 1280×800. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A fresh context signed in as `email` through the API (the login form has its own test), with a blank page. */
  signIn(email: string, options?: BrowserContextOptions): Promise<SignedIn>;
  /** `path` on the server. */
  url(path: string): string;
}

export function describeE2E(name: string, body: (e2e: () => E2E) => void, options: ServerOptions = {}): void {
  const unavailable = chromiumUnavailableReason();
  if (unavailable && !isCi()) {
    console.warn(`\n[assay] browser tests "${name}": ${unavailable}; they are skipped (they FAIL when CI is set).\n`);
    describe.skip(name, () => body(() => {
      throw new Error('skipped');
    }));
    return;
  }

  describe(name, { timeout: E2E_TIMEOUT }, () => {
    let world: E2E | undefined;
    let server: TestServer | undefined;
    let browser: Browser | undefined;
    const open: BrowserContext[] = [];

    // A world that could not start fails each test (not only the hook, which would leave the tests "skipped").
    let startup: Error | null = null;

    beforeAll(async () => {
      try {
        if (unavailable) throw new Error(`The browser tests need Chromium under CI: ${unavailable}`);
        server = await startServer(options);
        browser = await launchChromium();
      } catch (error) {
        startup = error instanceof Error ? error : new Error(String(error));
        return;
      }
      const [s, b] = [server, browser];
      const newContext = async (options: BrowserContextOptions = {}) => {
        const context = await b.newContext({ viewport: VIEWPORT, baseURL: s.url, ...options });
        context.setDefaultTimeout(30_000);
        open.push(context);
        return context;
      };
      world = {
        server: s,
        browser: b,
        newContext,
        url: (path) => `${s.url}${path}`,
        async signIn(email, options) {
          const context = await newContext(options);
          const response = await context.request.post(`${s.url}/api/v1/auth/login`, { data: { email, password: DEMO_PASSWORD } });
          if (!response.ok()) throw new Error(`sign-in as ${email} failed: ${response.status()} ${await response.text()}`);
          const { csrfToken } = (await response.json()) as { csrfToken: string };
          return { context, page: await context.newPage(), csrfToken };
        },
      };
    }, E2E_TIMEOUT);

    beforeEach(() => {
      if (startup) throw startup;
    });

    afterEach(async () => {
      await Promise.all(open.splice(0).map((context) => context.close()));
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    }, E2E_TIMEOUT);

    body(() => {
      if (!world) throw new Error('The browser test world did not start (see the error of beforeAll)');
      return world;
    });
  });
}
