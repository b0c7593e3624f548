/**
 * API benchmark: autocannon against the examination result and the controls list of an organisation with
 * 1,000 controls and 50,000 samples, beside a bare node:http server returning the same bytes (the body and the
 * headers Assay sends with it), in one run.
 * Prints requests/s and p99 latency of both and their ratio, and last, plainly, the controls list's ratio.
 *
 * The machine is shared, and its load moves within seconds: after a warm-up of each server, the two take
 * turns in several short rounds (who goes first alternating), each round gives a ratio, and the median round
 * is reported, with the spread of the rounds beside it.
 *
 *   npm run bench:api [-- --controls 1000 --samples-per-control 50 --rounds 5 --seconds 4 --warm-up 2 --connections 10]
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startChildServer } from '../support/child-server.js';
import { seed } from './seed.js';

const { values } = parseArgs({
  options: {
    controls: { type: 'string', default: '1000' },
    'samples-per-control': { type: 'string', default: '50' },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '4' },
    'warm-up': { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
  },
});

const dir = join(process.cwd(), '.bench', 'api');
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const database = join(dir, 'bench.sqlite');
const { organizationId, engagementId, token } = await seed(database, Number(values.controls), Number(values['samples-per-control']));
const base = `/api/v1/organizations/${organizationId}/engagements/${engagementId}`;
const endpoints = [
  { name: 'examination result', path: `${base}/examination` },
  { name: 'controls list', path: `${base}/controls` },
];
const headers = { authorization: `Bearer ${token}` };

/** Starts a child server of this folder and resolves to its port. */
const start = async (script: string, arg: string) => (await startChildServer(join(import.meta.dirname, script), [arg])).port;

async function load(port: number, path: string, seconds = Number(values.seconds)) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    headers,
    connections: Number(values.connections),
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

const assayPort = await start('serve-assay.mjs', database);
/** Headers node:http writes itself on every answer, in both servers alike. */
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
const bodies: Record<string, { headers: Record<string, string>; body: string }> = {};
for (const { path } of endpoints) {
  const response = await fetch(`http://127.0.0.1:${assayPort}${path}`, { headers });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  // The same bytes: the body, and the headers Assay sends with it (its security headers among them).
  const sent = Object.fromEntries([...response.headers].filter(([name]) => !CONNECTION_HEADERS.has(name)));
  bodies[path] = { headers: sent, body: await response.text() };
}
const bodiesFile = join(dir, 'responses.json');
await writeFile(bodiesFile, JSON.stringify(bodies));
const barePort = await start('serve-bare.mjs', bodiesFile);

const rounds = Number(values.rounds);
console.log(
  `API benchmark: ${values.controls} controls, ${Number(values.controls) * Number(values['samples-per-control'])} samples; ` +
    `${values.connections} connections; SQLite; median of ${rounds} rounds of ${values.seconds} s per server, after ${values['warm-up']} s of warm-up`,
);
console.log(
  `${'endpoint'.padEnd(20)} ${'bytes'.padStart(9)} ${'assay req/s'.padStart(12)} ${'bare req/s'.padStart(11)} ${'ratio'.padStart(6)} ${'rounds'.padStart(11)} ${'assay p99'.padStart(10)} ${'bare p99'.padStart(9)}`,
);

/** The middle value (the mean of the two middle ones for an even count). */
const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

const ratios: Record<string, number> = {};
for (const { name, path } of endpoints) {
  await load(assayPort, path, Number(values['warm-up']));
  await load(barePort, path, Number(values['warm-up']));
  const assay: { rps: number; p99: number }[] = [];
  const bare: { rps: number; p99: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternating who goes first, so that a load rising or falling through a round favours neither.
    if (round % 2 === 0) {
      assay.push(await load(assayPort, path));
      bare.push(await load(barePort, path));
    } else {
      bare.push(await load(barePort, path));
      assay.push(await load(assayPort, path));
    }
  }
  const roundRatios = assay.map((a, i) => a.rps / bare[i]!.rps);
  ratios[name] = median(roundRatios);
  console.log(
    `${name.padEnd(20)} ${String(bodies[path]!.body.length).padStart(9)} ${median(assay.map((a) => a.rps)).toFixed(0).padStart(12)} ` +
      `${median(bare.map((b) => b.rps)).toFixed(0).padStart(11)} ${percent(ratios[name]).padStart(6)} ` +
      `${`${percent(Math.min(...roundRatios))}-${percent(Math.max(...roundRatios))}`.padStart(11)} ` +
      `${`${median(assay.map((a) => a.p99))} ms`.padStart(10)} ${`${median(bare.map((b) => b.p99))} ms`.padStart(9)}`,
  );
}
// The last line, plain, for the aggregator of every benchmark.
console.log(`controls list ratio to bare: ${ratios['controls list']!.toFixed(2)}`);
process.exit(0);
