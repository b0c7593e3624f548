/**
 * The real server for the browser tests, in this process: a fresh SQLite file in a temporary folder, migrated,
 * seeded with the code `assay demo` runs (examples/acme in the organisation `acme`, one account per role), and
 * the production build of the web app (dist/web, made by `npm run build` before the tests) served on a free
 * loopback port. In-process rather than a child process: no output to parse for the port, nothing left running
 * if a test run is killed, and the test can seed more data through the same services.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_WORKSPACE } from '../../src/cli/commands/demo.js';
import type { WorkspaceContent, WorkspaceStatements } from '../../src/workspace/write.js';
import { buildApp } from '../../src/server/app.js';
import { OPERATOR } from '../../src/services/platform/actor.js';
import { createServices, type Services } from '../../src/services/index.js';
import type { Mailer } from '../../src/services/trust/index.js';
import { migrateToLatest, openDatabase, type Store } from '../../src/store/database.js';
import { loadWorkspaceContent } from '../../src/workspace/content.js';

export const ROOT = join(import.meta.dirname, '../..');
export const WEB_BUILD = join(ROOT, 'dist/web');
export { DEMO_PASSWORD };

/** The demo's people by role (src/cli/commands/demo.ts). */
export const PEOPLE = {
  admin: 'admin@acme.example',
  compliance: 'compliance@acme.example',
  owner: 'it-ops@acme.example',
  auditor: 'auditor@acme.example',
  viewer: 'viewer@acme.example',
} as const;

/** An organisation with its (only) engagement, and the address of the engagement's pages. */
export interface SeededEngagement {
  organizationId: string;
  engagementId: string;
  /** `/o/<organisation>/e/<engagement>`: append `/controls/AC-04` and the like. */
  root: string;
}

export interface TestServer {
  url: string;
  services: Services;
  demo: SeededEngagement;
  /** Seeds another organisation with this workspace (findings only if it has them) and the demo's people as its members. */
  seedOrganization(slug: string, examination: WorkspaceContent & WorkspaceStatements): Promise<SeededEngagement>;
  /** Moves the server's clock forward: what expires by it (download links, sessions) has then expired. */
  travel(ms: number): void;
  stop(): Promise<void>;
}

/** What a test file may change of its server: a mailer in place of the installation's SMTP settings (none here). */
export interface ServerOptions {
  mailer?: Mailer;
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  if (!existsSync(join(WEB_BUILD, 'index.html'))) {
    throw new Error(`No web build at ${WEB_BUILD}: run \`npm run build\` first (\`npm test\` does).`);
  }
  const folder = await mkdtemp(join(tmpdir(), 'assay-e2e-'));
  let store: Store | undefined;
  let app: FastifyInstance | undefined;
  try {
    store = await openDatabase(join(folder, 'assay.sqlite'));
    await migrateToLatest(store.db);
    // The server's clock runs with the wall clock, moved forward by `travel` (links and sessions expire by it).
    let ahead = 0;
    const services = createServices(store, { clock: () => new Date(Date.now() + ahead), newId: randomUUID, ...(options.mailer && { mailer: options.mailer }) });

    const seed = async (slug: string, examination: WorkspaceContent & WorkspaceStatements): Promise<SeededEngagement> => {
      const seeded = await services.demo.seed(OPERATOR, { organizationSlug: slug, examination, people: DEMO_PEOPLE, password: DEMO_PASSWORD });
      const organizationId = seeded.organization.id;
      const engagements = await services.engagements.list(OPERATOR, organizationId, { limit: 2, offset: 0 });
      const engagementId = engagements.items[0]?.id;
      if (engagements.total !== 1 || engagementId === undefined) throw new Error(`expected one engagement in ${slug}`);
      return { organizationId, engagementId, root: `/o/${organizationId}/e/${engagementId}` };
    };

    // The demo as `assay demo` seeds it, findings, checks and description included, but not its risks and vendors (the
    // risks test seeds an organisation of its own); a test that raises findings seeds an organisation of its own.
    const demo = await seed(DEMO_ORGANIZATION, { ...(await loadWorkspaceContent(DEMO_WORKSPACE)), register: undefined });
    // Every test signs in a few times; the login rate limit is not what these tests are about.
    // Plain HTTP on a loopback address, as `assay demo` serves it: the session cookie is not marked Secure.
    app = await buildApp({ services, webRoot: WEB_BUILD, loginRateLimit: 1000, secureCookies: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const running = { app, store };
    return {
      url: `http://127.0.0.1:${port}`,
      services,
      demo,
      seedOrganization: seed,
      travel: (ms) => {
        ahead += ms;
      },
      async stop() {
        await running.app.close();
        await running.store.close();
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.close();
    await store?.close();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** A fresh installation as `assay serve` leaves it on its first start: no organisation, one first admin (an instance administrator). */
export interface EmptyServer {
  url: string;
  services: Services;
  store: Store;
  /** The first admin's e-mail; the password is {@link DEMO_PASSWORD}. */
  admin: string;
  stop(): Promise<void>;
}

export async function startEmptyServer(): Promise<EmptyServer> {
  if (!existsSync(join(WEB_BUILD, 'index.html'))) {
    throw new Error(`No web build at ${WEB_BUILD}: run \`npm run build\` first (\`npm test\` does).`);
  }
  const folder = await mkdtemp(join(tmpdir(), 'assay-e2e-empty-'));
  const store = await openDatabase(join(folder, 'assay.sqlite'));
  try {
    await migrateToLatest(store.db);
    const services = createServices(store);
    const admin = 'admin@localhost';
    await services.users.createFirstAdmin(OPERATOR, { email: admin, password: DEMO_PASSWORD });
    const app = await buildApp({ services, webRoot: WEB_BUILD, loginRateLimit: 1000, secureCookies: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      services,
      store,
      admin,
      async stop() {
        await app.close();
        await store.close();
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await store.close();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}
