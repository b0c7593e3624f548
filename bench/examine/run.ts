/**
 * Benchmark of `assay examine` on a large workspace (2,000 controls, 200,000 samples by default), every figure
 * beside a baseline measured in the same run, so the ratios hold whatever the machine's speed:
 * - the engine's time beside the time to merely parse the same YAML (must stay a small fraction of it);
 * - the whole command as a user runs it (`node bin/assay.js examine DIR --format json`, the compiled code, spawned:
 *   start-up, reading, parsing, validating, examining, rendering) beside parsing the same files, already in memory,
 *   with the fastest reader (js-yaml), and its peak memory; beside it, the same command on a one-control workspace,
 *   the share of start-up in it.
 *
 *   npm run bench:examine [-- --controls 2000 --samples-per-control 100 --runs 5]
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load } from 'js-yaml';
import { parse } from 'yaml';
import { examine } from '../../src/domain/index.js';
import { readWorkspaceFiles, type WorkspaceFiles } from '../../src/workspace/load.js';
import { parseWorkspace } from '../../src/workspace/validate.js';
import { generateWorkspace } from './generate.js';

const { values } = parseArgs({
  options: {
    controls: { type: 'string', default: '2000' },
    'samples-per-control': { type: 'string', default: '100' },
    runs: { type: 'string', default: '5' },
  },
});
const runs = Number(values.runs);
const dir = join(process.cwd(), '.bench', 'examine-workspace');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function parseOnly(files: WorkspaceFiles, read: (text: string) => unknown): number {
  let nodes = 0;
  for (const f of [files.assay!, ...files.controls, ...files.tests]) if (read(f.text)) nodes++;
  return nodes;
}

/** One `assay examine` as a user runs it, from the compiled code (`npm run build`): its wall time and peak memory. */
function examineCommand(dir: string): { ms: number; maxRssBytes: number } {
  const root = join(import.meta.dirname, '../..');
  const args = ['--import', join(import.meta.dirname, 'peak-rss.mjs'), join(root, 'bin/assay.js'), 'examine', dir, '--format', 'json'];
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = /peak-rss-bytes (\d+)/.exec(child.stderr);
  // Exit 0, or 1 when the forecast fails a --fail-on (not given here): anything else is a failed run.
  if (child.status !== 0 || !rss) throw new Error(`assay examine failed (exit ${child.status}): ${child.stderr}`);
  return { ms, maxRssBytes: Number(rss[1]) };
}

const generated = await generateWorkspace(dir, Number(values.controls), Number(values['samples-per-control']));
// One control and its test: what every run pays before it reads a workspace (start-up, module loading).
const tinyDir = join(process.cwd(), '.bench', 'examine-workspace-tiny');
await generateWorkspace(tinyDir, 1, 1);
const files = await readWorkspaceFiles(dir);
const bytes = [files.assay!, ...files.controls, ...files.tests].reduce((n, f) => n + f.text.length, 0);

const parseTimes: number[] = [];
const fastParseTimes: number[] = [];
const loadTimes: number[] = [];
const examineTimes: number[] = [];
const commandTimes: number[] = [];
const startUpTimes: number[] = [];
let maxRssBytes = 0;
let opinion = '';
for (let i = 0; i < runs; i++) {
  globalThis.gc?.();
  parseTimes.push(time(() => parseOnly(files, parse)).ms);
  globalThis.gc?.();
  fastParseTimes.push(time(() => parseOnly(files, load)).ms);
  globalThis.gc?.();
  const loaded = time(() => parseWorkspace(files));
  loadTimes.push(loaded.ms);
  const examined = time(() => examine(loaded.value));
  examineTimes.push(examined.ms);
  opinion = examined.value.opinion.overall;
  // The spawned command gets the machine as a user's would: this process's own collection of what it parsed
  // (its background threads) is done first, not alongside the command on the same cores.
  globalThis.gc?.();
  startUpTimes.push(examineCommand(tinyDir).ms);
  globalThis.gc?.();
  const command = examineCommand(dir);
  commandTimes.push(command.ms);
  maxRssBytes = Math.max(maxRssBytes, command.maxRssBytes);
}

const parseMs = median(parseTimes);
const loadMs = median(loadTimes);
const examineMs = median(examineTimes);
const fastParseMs = median(fastParseTimes);
const commandMs = median(commandTimes);
const startUpMs = median(startUpTimes);
const pct = (x: number) => `${((x / parseMs) * 100).toFixed(2)}% of parse`;
const row = (name: string, ms: number, note = '') => console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms  ${note}`);

console.log(`examine benchmark: ${generated.controls} controls, ${generated.samples} samples, ${files.controls.length + files.tests.length + 1} files, ${(bytes / 1e6).toFixed(1)} MB of YAML; median of ${runs} runs`);
row('parse YAML only (baseline)', parseMs, '`yaml` package');
row('parse YAML only, fastest reader', fastParseMs, `js-yaml, ${(parseMs / fastParseMs).toFixed(1)}x faster`);
row('load (read fast, validate)', loadMs, 'texts already in memory');
row('examine (engine, after parsing)', examineMs, pct(examineMs));
row('assay examine, one control', startUpMs, `spawned: start-up, ${(startUpMs / fastParseMs).toFixed(2)}x the fastest parse`);
row('assay examine --format json', commandMs, `spawned, end to end: ${(commandMs / fastParseMs).toFixed(2)}x the fastest parse (test files judged in worker threads and the main thread, ${availableParallelism()} cores)`);
console.log(`${'peak RSS of assay examine'.padEnd(34)} ${(maxRssBytes / 1048576).toFixed(0).padStart(9)} MB  (limit 300 MB)`);
console.log(`forecast: ${opinion}`);
console.log(`examine/parse ratio: ${(examineMs / parseMs).toFixed(4)} (aim: under 0.10)`);
console.log(`peak RSS: ${Math.round(maxRssBytes / 1048576)} MB (aim: under 300)`);
// The last line, plain, for `npm run bench` (bench/run-all.ts) and CI to read; its aim: at most 1.5.
console.log(`end-to-end/parse ratio: ${(commandMs / fastParseMs).toFixed(2)}`);
