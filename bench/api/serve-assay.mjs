// Child process of the API benchmark: the real server (compiled code) on a database file; prints its port.
const { openDatabase } = await import('../../dist/store/database.js');
const { createServices } = await import('../../dist/services/index.js');
const { buildApp } = await import('../../dist/server/app.js');

const store = await openDatabase(process.argv[2]);
const app = await buildApp({ services: createServices(store) });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${app.server.address().port}\n`);
