/**
 * Mixed-load benchmark: the demo served by one server, 160 connections reading the examination and the controls
 * list while 40 clients record sample notes, on SQLite and then on PostgreSQL (a throwaway cluster, as the tests
 * start), in one run. Prints, per engine, the readers' requests/s and p99, the writes, the 5xx answers and the
 * audit events the writes left (one each), and last, plainly, PostgreSQL's reader throughput against SQLite's.
 *
 *   npm run bench:mixed [-- --seconds 30 --readers 160 --writers 40 --rounds 1]
 *
 * With several rounds the engines take turns, each on a fresh demo database, so that a change in the machine's
 * load during the run weighs on both; the ratio is then of the readers' requests/s summed over the rounds.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createDatabase, databaseUrl, uniqueDatabaseName } from '../../test/support/pg-admin.js';
import { postgresUnavailableReason, startPostgresCluster, type PostgresCluster } from '../../test/support/postgres.js';
import { openDatabase } from '../../src/store/database.js';
import { startChildServer } from '../support/child-server.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    readers: { type: 'string', default: '160' },
    writers: { type: 'string', default: '40' },
    rounds: { type: 'string', default: '1' },
  },
});
const seconds = Number(values.seconds);
const readers = Number(values.readers);
const writers = Number(values.writers);
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds ${values.rounds}: a whole number of rounds, at least 1`);

const DEMO_PASSWORD = 'assay-demo-password';
const READER = 'viewer@acme.example';
const WRITER = 'auditor@acme.example';

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(origin: string, email: string): Promise<Session> {
  const response = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

async function getJson<T>(origin: string, session: Session, path: string): Promise<T> {
  const response = await fetch(`${origin}${path}`, { headers: { cookie: session.cookie } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The demo engagement's address and every sample a writer may note, as the API lists them. */
async function demoTargets(origin: string, session: Session) {
  const organizations = await getJson<{ items: { id: string; slug: string }[] }>(origin, session, '/api/v1/organizations');
  const organization = organizations.items.find((o) => o.slug === 'acme')!;
  const engagements = await getJson<{ items: { id: string }[] }>(origin, session, `/api/v1/organizations/${organization.id}/engagements`);
  const base = `/api/v1/organizations/${organization.id}/engagements/${engagements.items[0]!.id}`;
  const controls = await getJson<{ items: { id: string }[] }>(origin, session, `${base}/controls?limit=100`);
  const samples: string[] = [];
  for (const control of controls.items) {
    const test = await fetch(`${origin}${base}/controls/${encodeURIComponent(control.id)}/test`, { headers: { cookie: session.cookie } });
    if (!test.ok) continue;
    for (const sample of ((await test.json()) as { samples: { item: string }[] }).samples) {
      samples.push(`${base}/controls/${encodeURIComponent(control.id)}/test/samples/${encodeURIComponent(sample.item)}`);
    }
  }
  if (samples.length === 0) throw new Error('The demo has no samples to note');
  return { base, samples };
}

interface Figures {
  readerRps: number;
  readerP99: number;
  writes: number;
  fiveHundreds: number;
  otherFailures: number;
  auditEvents: number;
}

async function measure(engine: string, url: string): Promise<Figures> {
  const server = await startChildServer(join(import.meta.dirname, 'serve-demo.mjs'), [url]);
  try {
    const origin = `http://127.0.0.1:${server.port}`;
    const reader = await signIn(origin, READER);
    const writer = await signIn(origin, WRITER);
    const { base, samples } = await demoTargets(origin, reader);
    const store = await openDatabase(url);
    const countEvents = async () =>
      Number((await store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'sample.recorded').executeTakeFirstOrThrow()).n);
    const eventsBefore = await countEvents();

    const reading = autocannon({
      url: origin,
      connections: readers,
      duration: seconds,
      headers: { cookie: reader.cookie },
      requests: [{ method: 'GET', path: `${base}/examination` }, { method: 'GET', path: `${base}/controls` }],
    });
    // Writers are clients that wait for each answer, so every write sent is counted as answered, none left in
    // flight at the end (as autocannon leaves them), and the writes can be held to the audit events exactly.
    const writing = { writes: 0, fiveHundreds: 0, failures: 0 };
    const deadline = Date.now() + seconds * 1000;
    let sent = 0;
    const writerClient = async () => {
      while (Date.now() < deadline) {
        const n = sent++;
        // Each write a new note on the next sample, so every one is a change with its audit event.
        const response = await fetch(`${origin}${samples[n % samples.length]}`, {
          method: 'PATCH',
          headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ note: `Benchmark note ${n}` }),
        });
        await response.arrayBuffer();
        if (response.ok) writing.writes += 1;
        else if (response.status >= 500) writing.fiveHundreds += 1;
        else writing.failures += 1;
      }
    };
    const [read] = await Promise.all([reading, ...Array.from({ length: writers }, writerClient)]);
    const auditEvents = (await countEvents()) - eventsBefore;
    await store.close();
    return {
      readerRps: read.requests.average,
      readerP99: read.latency.p99,
      writes: writing.writes,
      fiveHundreds: read['5xx'] + writing.fiveHundreds,
      otherFailures: read['4xx'] + read.errors + read.timeouts + writing.failures,
      auditEvents,
    };
  } finally {
    await server.stop();
  }
}

const dir = join(process.cwd(), '.bench', 'mixed');
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const unavailable = postgresUnavailableReason();
if (unavailable) throw new Error(`PostgreSQL: ${unavailable}`);

console.log(`Mixed-load benchmark: the demo; ${readers} connections reading the examination and the controls list, ${writers} recording sample notes; ${seconds} s per engine`);
console.log(`${'engine'.padEnd(10)} ${'reader req/s'.padStart(12)} ${'reader p99'.padStart(11)} ${'writes'.padStart(8)} ${'writes/s'.padStart(9)} ${'5xx'.padStart(5)} ${'other failures'.padStart(15)} ${'audit events'.padStart(13)}`);
const readerRps = { sqlite: 0, postgres: 0 };
let cluster: PostgresCluster | null = null;
try {
  cluster = await startPostgresCluster();
  for (let round = 1; round <= rounds; round++) {
    const name = uniqueDatabaseName('assay_bench_mixed');
    await createDatabase(cluster.url, name);
    const urls = { sqlite: join(dir, `demo-${round}.sqlite`), postgres: databaseUrl(cluster.url, name) };
    for (const engine of ['sqlite', 'postgres'] as const) {
      const figures = await measure(engine, urls[engine]);
      readerRps[engine] += figures.readerRps;
      console.log(
        `${engine.padEnd(10)} ${figures.readerRps.toFixed(0).padStart(12)} ${`${figures.readerP99} ms`.padStart(11)} ${String(figures.writes).padStart(8)} ${(figures.writes / seconds).toFixed(0).padStart(9)} ${String(figures.fiveHundreds).padStart(5)} ${String(figures.otherFailures).padStart(15)} ${String(figures.auditEvents).padStart(13)}${figures.auditEvents === figures.writes ? '' : '  (writes and audit events differ)'}`,
      );
    }
  }
} finally {
  await cluster?.stop();
}
// The last line, plain, for the aggregator of every benchmark.
console.log(`postgres/sqlite reader ratio: ${(readerRps.postgres / readerRps.sqlite).toFixed(2)}`);
process.exit(0);
