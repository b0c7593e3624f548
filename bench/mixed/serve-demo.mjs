// Child process of the mixed-load benchmark: the demo (examples/acme, one account per role) seeded into the
// database at argv[2], served by the real server (compiled code) as `assay demo` serves it; prints its port.
const { openDatabase, migrateToLatest } = await import('../../dist/store/database.js');
const { createServices } = await import('../../dist/services/index.js');
const { buildApp } = await import('../../dist/server/app.js');
const { OPERATOR } = await import('../../dist/services/platform/actor.js');
const { DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_WORKSPACE } = await import('../../dist/cli/commands/demo.js');
const { loadWorkspace } = await import('../../dist/workspace/load.js');
const { loadFindings } = await import('../../dist/workspace/findings.js');

const store = await openDatabase(process.argv[2]);
await migrateToLatest(store.db);
const services = createServices(store);
const examination = await loadWorkspace(DEMO_WORKSPACE);
await services.demo.seed(OPERATOR, {
  organizationSlug: DEMO_ORGANIZATION,
  examination: { ...examination, ...(await loadFindings(DEMO_WORKSPACE, examination)) },
  people: DEMO_PEOPLE,
  password: DEMO_PASSWORD,
});
// Sign-in is throttled per address, and every client of the benchmark comes from one.
const app = await buildApp({ services, secureCookies: false, loginRateLimit: 1000, webRoot: null });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${app.server.address().port}\n`);
process.once('SIGTERM', () => app.close().then(() => store.close()).then(() => process.exit(0)));
