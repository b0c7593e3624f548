/**
 * `assay demo` (what `npm start` runs): the demo workspace imported into the organisation `acme` of a local
 * SQLite file, one account per role with a published password, and the server, its logins printed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { OPERATOR } from '../../services/platform/actor.js';
import { refuseUnlessDemo, type DemoPerson } from '../../services/demo/demo-service.js';
import { openDatabase } from '../../store/database.js';
import { createInstanceRepository } from '../../store/instance-repository.js';
import { loadWorkspaceContent } from '../../workspace/content.js';
import { describeDatabase, isPostgresUrl, resolveDatabaseUrl } from '../database.js';
import type { CliIO } from '../io.js';
import { DEFAULT_HOST, DEFAULT_PORT, port, runServer } from './serve.js';

/** Git-ignored, beside the checkout; `--database` to use another. */
export const DEMO_DATABASE = '.assay/demo.sqlite';
export const DEMO_ORGANIZATION = 'acme';
/** Published on purpose: the demo listens on localhost only and holds a fictional company. */
export const DEMO_PASSWORD = 'assay-demo-password';
/** examples/acme of the package, from src/cli/commands or dist/cli/commands alike. */
export const DEMO_WORKSPACE = fileURLToPath(new URL('../../../examples/acme', import.meta.url));

/** One person per role. The owner's address is one the demo controls name as their owner, so it owns them. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { email: 'admin@acme.example', role: 'admin', displayName: 'Ada Admin' },
  { email: 'compliance@acme.example', role: 'compliance', displayName: 'Carmen Compliance' },
  { email: 'it-ops@acme.example', role: 'owner', displayName: 'Omar Owner (IT operations)' },
  { email: 'auditor@acme.example', role: 'auditor', displayName: 'Aude Auditor' },
  { email: 'viewer@acme.example', role: 'viewer', displayName: 'Victor Viewer' },
];

export function registerDemo(program: Command, io: CliIO): void {
  program
    .command('demo')
    .description(`the seeded demo: examples/acme in the organisation "${DEMO_ORGANIZATION}", one account per role, served on localhost`)
    .option('--port <n>', 'port to listen on (0: any free port)', port, DEFAULT_PORT)
    .option('--database <url>', `database (default ${DEMO_DATABASE}; $ASSAY_DATABASE_URL is not read: the demo's password is public)`)
    .action(async (options: { port: number; database?: string }) => {
      const examination = await loadWorkspaceContent(DEMO_WORKSPACE);
      const databaseUrl = resolveDatabaseUrl(options.database, io, { fallback: DEMO_DATABASE, useEnvironment: false });
      await refuseUnlessDemoDatabase(databaseUrl);
      await runServer(io, {
        databaseUrl,
        port: options.port,
        host: DEFAULT_HOST,
        // Plain HTTP on localhost, so any browser keeps the session cookie; nothing else can reach it.
        secureCookies: false,
        trustProxy: false,
        allowSignup: false,
        publicUrl: null,
        // The terminal shows the logins; only warnings (failed sign-ins) and errors are logged below them.
        logLevel: 'warn',
        prepare: async (services) => {
          const seeded = await services.demo.seed(OPERATOR, {
            organizationSlug: DEMO_ORGANIZATION,
            examination,
            people: DEMO_PEOPLE,
            password: DEMO_PASSWORD,
          });
          const owned = examination.controls.filter((c) => c.owner === 'it-ops@acme.example').map((c) => c.id);
          return [
            seeded.imported
              ? `Demo: imported examples/acme into the organisation "${seeded.organization.slug}" (${seeded.organization.name})`
              : `Demo: the organisation "${seeded.organization.slug}" is already there (delete the database to start afresh)`,
            `Open the address above in a browser and sign in with the password "${DEMO_PASSWORD}" as:`,
            ...seeded.people.map(
              (p) =>
                `  ${p.role.padEnd(10)}  ${p.email}${p.role === 'owner' ? `   (owns ${owned.join(', ')})` : ''}${!p.accountCreated && p.added ? '   (existing account, its own password)' : ''}`,
            ),
          ];
        },
      });
    });
}

/**
 * Looks before the server migrates or seeds anything: a database that holds anything but the demo is refused
 * with nothing written to it (not even the schema).
 */
async function refuseUnlessDemoDatabase(url: string): Promise<void> {
  if (!isPostgresUrl(url) && (url === ':memory:' || !existsSync(url))) return;
  const store = await openDatabase(url, { readOnly: true });
  try {
    refuseUnlessDemo(await createInstanceRepository(store.db).standing(), `The database ${describeDatabase(url)}`);
  } finally {
    await store.close();
  }
}
