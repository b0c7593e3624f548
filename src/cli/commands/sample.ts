/** `assay sample` and `assay sample-size`: reproducible sample selection and the sizes the tables ask for. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import {
  FREQUENCIES,
  ValidationError,
  requiredSampleSize,
  selectSample,
  type Frequency,
} from '../../domain/index.js';
import type { CliIO } from '../io.js';
import { choice, wholeNumber } from '../options.js';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

export function registerSample(program: Command, io: CliIO): void {
  program
    .command('sample')
    .description('select a reproducible sample: items ranked by the hex SHA-256 of "<seed>:<id>", the first n taken')
    .requiredOption('--population <file>', 'the population as CSV with a header row')
    .requiredOption('--id-column <column>', 'the column holding each item id')
    .requiredOption('--seed <seed>', 'the published seed')
    .option('--size <n>', 'how many items to select', wholeNumber)
    .option('--frequency <frequency>', `size the sample from the frequency table instead: ${FREQUENCIES.join(' | ')}`, choice(FREQUENCIES))
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(
      async (options: { population: string; idColumn: string; seed: string; size?: number; frequency?: Frequency; format: Format }) => {
        const ids = await readPopulation(options.population, options.idColumn);
        const size = options.size ?? (options.frequency ? requiredSampleSize(options.frequency, ids.length) : null);
        if (size === null) {
          throw new ValidationError([{ location: '--size', message: 'give --size N or --frequency F' }], 'Missing sample size');
        }
        const selected = selectSample(ids, size, options.seed, (i) => `${options.population}:${i + 2} (${options.idColumn})`);
        if (options.format === 'json') {
          const report = { seed: options.seed, populationSize: ids.length, size: selected.length, items: selected.map((s) => s.item), ranks: selected.map((s) => s.rank) };
          io.out(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        io.out(`Selected ${selected.length} of ${ids.length} with seed "${options.seed}" (rank = hex SHA-256 of "<seed>:<id>", ascending):\n`);
        selected.forEach((s, i) => io.out(`${String(i + 1).padStart(4)}  ${s.item}  ${s.rank}\n`));
      },
    );

  program
    .command('sample-size')
    .description('the sample size the frequency table asks for (event-driven controls: from the population size)')
    .requiredOption('--frequency <frequency>', FREQUENCIES.join(' | '), choice(FREQUENCIES))
    .option('--population <n>', 'the population size (required for event-driven controls; caps every size)', wholeNumber)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action((options: { frequency: Frequency; population?: number; format: Format }) => {
      const size = requiredSampleSize(options.frequency, options.population ?? null);
      if (size === null) {
        throw new ValidationError([{ location: '--population', message: 'an event-driven control is sized from its population: give --population N' }], 'Missing population size');
      }
      if (options.format === 'json') {
        io.out(`${JSON.stringify({ frequency: options.frequency, populationSize: options.population ?? null, requiredSampleSize: size })}\n`);
      } else io.out(`${size}\n`);
    });
}

/** The item ids of a population CSV; every problem names its line and column. */
async function readPopulation(file: string, idColumn: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new ValidationError([{ location: file, message: e.code === 'ENOENT' ? 'file not found' : e.message }], 'Cannot read the population');
  });
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true, info: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ValidationError([{ location: `${file}:${line ?? 1}`, message: `malformed CSV: ${(e as Error).message}` }], 'Cannot read the population');
  }
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  if (rows.length > 0 && !(idColumn in rows[0]!.record)) {
    throw new ValidationError([{ location: `${file}:1`, message: `no column "${idColumn}" (columns: ${header})` }], 'Cannot read the population');
  }
  const issues = rows
    .filter((r) => !r.record[idColumn])
    .map((r) => ({ location: `${file}:${r.info.lines} (${idColumn})`, message: 'empty item id' }));
  if (issues.length > 0) throw new ValidationError(issues, 'The population has items without an id');
  return rows.map((r) => r.record[idColumn] as string);
}
