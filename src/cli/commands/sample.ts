/** `assay sample` and `assay sample-size`: reproducible sample selection and the sizes the tables ask for. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  CsvError,
  FREQUENCIES,
  ValidationError,
  itemsInColumn,
  parseCsv,
  requiredSampleSize,
  selectSample,
  type Frequency,
  type ParsedCsv,
  type Population,
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
        const { ids, lines } = await readPopulationFile(options.population, options.idColumn);
        const size = options.size ?? (options.frequency ? requiredSampleSize(options.frequency, ids.length) : null);
        if (size === null) {
          throw new ValidationError([{ location: '--size', message: 'give --size N or --frequency F' }], 'Missing sample size');
        }
        const selected = selectSample(ids, size, options.seed, (i) => `${options.population}:${lines[i]} (${options.idColumn})`);
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

/**
 * The item ids of a population CSV, read by the domain's reader (as the web reads one), each with its line;
 * every problem names its line and column.
 */
async function readPopulationFile(file: string, idColumn: string): Promise<Population> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new ValidationError([{ location: file, message: e.code === 'ENOENT' ? 'file not found' : e.message }], 'Cannot read the population');
  });
  let csv: ParsedCsv;
  try {
    csv = parseCsv(text);
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    throw new ValidationError([{ location: `${file}:${e.line}`, message: `malformed CSV: ${e.problem}` }], 'Cannot read the population');
  }
  const population = itemsInColumn(csv, idColumn, (line, column) => `${file}:${line}${column === undefined ? '' : ` (${column})`}`);
  if (population.issues.length > 0) throw new ValidationError(population.issues, 'Cannot read the population');
  return population;
}
