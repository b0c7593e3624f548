/**
 * `npm run bench`: runs every `bench:*` script of package.json in turn (so a benchmark added later is included),
 * reads the plain `label: value` lines each one ends with (nothing is measured again here) and writes them as one
 * Markdown table, with the machine they ran on, to bench/RESULTS.md (kept out of git: figures belong to a machine
 * and a day). A benchmark that fails is a row saying so; the others still run.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';

interface Row {
  bench: string;
  figure: string;
  baseline: string;
  value: string;
  aim: string;
  met: string;
}

/**
 * Aims of the figures whose line does not state one (`… (aim: under 300)` does), by script and label, as the
 * benchmarks' own docs give them (docs/benchmarks.md).
 */
const AIMS: Record<string, Record<string, string>> = {
  'bench:examine': { 'end-to-end/parse ratio': 'at most 1.5' },
  'bench:api': { 'controls list ratio to bare': 'at least 0.35' },
  'bench:mixed': { 'postgres/sqlite reader ratio': 'at least 0.5' },
  'bench:monitor': { 'ratio to parse': 'at most 1.5', 'speed-up over JSONata': 'at least 5', 'peak RSS': 'under 400' },
  'bench:report': { 'ratio to floor': 'at most 1.5' },
};

/** A final line: `end-to-end/parse ratio: 1.23`, `peak RSS: 120 MB`, `examine/parse ratio: 0.01 (aim: under 0.10)`. */
const FINAL_LINE = /^(?<label>[A-Za-z][^:]*): (?<value>-?[0-9][0-9.]*)(?: (?<unit>[A-Za-z%/]+))?(?: \((?<note>[^)]*)\))?$/;

const root = join(import.meta.dirname, '..');
const scripts = Object.keys((JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts)
  .filter((name) => name.startsWith('bench:'))
  .sort();

const rows: Row[] = [];
for (const script of scripts) {
  console.log(`\n> npm run ${script}`);
  const { code, stdout, stderr } = await run(script);
  const figures = finalFigures(stdout);
  if (code !== 0 || figures.length === 0) {
    const why = code !== 0 ? `failed (exit ${code})` : 'ended without figures';
    const lastWords = (stderr.trim() || stdout.trim()).split('\n').pop() ?? '';
    rows.push({ bench: script, figure: `${why}: ${lastWords.slice(0, 160)}`, baseline: '', value: '', aim: '', met: 'no' });
  } else {
    rows.push(...figures.map((f) => row(script, f)));
  }
}

const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`;
const cell = (text: string) => text.replace(/\|/g, '\\|');
const markdown = [
  '# Benchmark results',
  '',
  `Machine: ${machine}. Date: ${new Date().toISOString()}. Written by \`npm run bench\` (docs/benchmarks.md).`,
  '',
  '| benchmark | figure | baseline | ratio or value | aim | met |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${[r.bench, r.figure, r.baseline, r.value, r.aim, r.met].map(cell).join(' | ')} |`),
  '',
].join('\n');
await writeFile(join(root, 'bench', 'RESULTS.md'), markdown);
console.log(`\n${markdown}\nwritten to bench/RESULTS.md`);

/** Runs one script, its output shown as it comes and kept. */
function run(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The `label: value` lines the output ends with, in order. */
function finalFigures(stdout: string): { label: string; value: number; unit: string; aim: string | null }[] {
  const figures: { label: string; value: number; unit: string; aim: string | null }[] = [];
  for (const line of stdout.trimEnd().split('\n').reverse()) {
    const groups = FINAL_LINE.exec(line.trim())?.groups;
    if (!groups || Number.isNaN(Number(groups.value))) break;
    const aim = /^aim:\s*(.+)$/.exec(groups.note ?? '')?.[1] ?? null;
    figures.unshift({ label: groups.label as string, value: Number(groups.value), unit: groups.unit ?? '', aim });
  }
  return figures;
}

/** A figure as a row: a ratio's label names what it compares (`a/b ratio`, `a ratio to b`, `speed-up over b`). */
function row(bench: string, figure: { label: string; value: number; unit: string; aim: string | null }): Row {
  const { label, value, unit } = figure;
  const [, measured, baseline] =
    /^(.+)\/(.+) ratio$/.exec(label) ?? /^(.+) ratio to (.+)$/.exec(label) ?? /^()(?:ratio to|speed-up over) (.+)$/.exec(label) ?? [label, label, ''];
  const aim = figure.aim ?? AIMS[bench]?.[label] ?? '';
  return {
    bench,
    figure: baseline === '' ? label : measured || label,
    baseline: baseline ?? '',
    value: `${value}${unit ? ` ${unit}` : ''}`,
    aim,
    met: meets(value, aim),
  };
}

function meets(value: number, aim: string): string {
  const [, how, bound] = /^(at most|under|at least|over)\s+([0-9.]+)/.exec(aim) ?? [];
  if (how === undefined) return '';
  const limit = Number(bound);
  const met = how === 'at most' ? value <= limit : how === 'under' ? value < limit : how === 'at least' ? value >= limit : value > limit;
  return met ? 'yes' : 'no';
}
