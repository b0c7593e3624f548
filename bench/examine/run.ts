/**
 * Benchmark of `assay examine` on a large workspace (2,000 controls, 200,000 samples by default).
 * The engine's time is printed beside the time to merely parse the same YAML, measured in the same run:
 * the examine step must stay a small fraction of parsing, whatever the machine's speed.
 *
 *   npm run bench:examine [-- --controls 2000 --samples-per-control 100 --runs 5]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { examine } from '../../src/domain/index.js';
import { parseWorkspace, readWorkspaceFiles, type WorkspaceFiles } from '../../src/workspace/load.js';
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

function parseOnly(files: WorkspaceFiles): number {
  let nodes = 0;
  for (const f of [files.assay!, ...files.controls, ...files.tests]) if (parse(f.text)) nodes++;
  return nodes;
}

const generated = await generateWorkspace(dir, Number(values.controls), Number(values['samples-per-control']));
const files = await readWorkspaceFiles(dir);
const bytes = [files.assay!, ...files.controls, ...files.tests].reduce((n, f) => n + f.text.length, 0);

const parseTimes: number[] = [];
const loadTimes: number[] = [];
const examineTimes: number[] = [];
let opinion = '';
for (let i = 0; i < runs; i++) {
  globalThis.gc?.();
  parseTimes.push(time(() => parseOnly(files)).ms);
  globalThis.gc?.();
  const loaded = time(() => parseWorkspace(files));
  loadTimes.push(loaded.ms);
  const examined = time(() => examine(loaded.value));
  examineTimes.push(examined.ms);
  opinion = examined.value.opinion.overall;
}

// Memory is measured in a fresh process that does only what `assay examine` does: load, then examine.
const child = spawnSync(process.execPath, [join(import.meta.dirname, 'memory.mjs'), dir], { encoding: 'utf8' });
if (child.status !== 0) throw new Error(`memory run failed: ${child.stderr}`);
const { maxRssBytes } = JSON.parse(child.stdout) as { maxRssBytes: number };

const parseMs = median(parseTimes);
const loadMs = median(loadTimes);
const examineMs = median(examineTimes);
const pct = (x: number) => `${((x / parseMs) * 100).toFixed(2)}% of parse`;
const row = (name: string, ms: number, note = '') => console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms  ${note}`);

console.log(`examine benchmark: ${generated.controls} controls, ${generated.samples} samples, ${files.controls.length + files.tests.length + 1} files, ${(bytes / 1e6).toFixed(1)} MB of YAML; median of ${runs} runs`);
row('parse YAML only (baseline)', parseMs);
row('load (parse with positions + validate)', loadMs);
row('examine (engine, after parsing)', examineMs, pct(examineMs));
console.log(`${'peak RSS of load + examine'.padEnd(34)} ${(maxRssBytes / 1048576).toFixed(0).padStart(9)} MB  (limit 300 MB)`);
console.log(`forecast: ${opinion}`);
console.log(`examine/parse ratio: ${(examineMs / parseMs).toFixed(4)} (must stay under 0.10)`);
