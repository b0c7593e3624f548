/**
 * A population pasted or uploaded as CSV, read by the domain's reader exactly as `assay sample` reads a file, and
 * the selection by the published rule: the domain's own `selectSample`, which runs here as on the command line.
 */
import type { Issue } from '@assay/domain/errors.js';
import { ValidationError } from '@assay/domain/errors.js';
import { itemsInColumn, type ParsedCsv, type Population } from '@assay/domain/sampling/population.js';
import { selectSample, type RankedItem } from '@assay/domain/sampling/selection.js';

export { CsvError, defaultIdColumn, parseCsv, type ParsedCsv, type Population } from '@assay/domain/sampling/population.js';

/** The item ids in `column`, each problem at its line as the page shows it. */
export function populationOf(csv: ParsedCsv, column: string): Population {
  return itemsInColumn(csv, column, (line) => `line ${line}`);
}

export type Selection = { ok: true; items: RankedItem[] } | { ok: false; title: string; issues: Issue[] };

/** The published rule over the population: the first `size` by hex SHA-256 of `<seed>:<id>`; duplicates refused. */
export function selectFrom(population: Population, size: number, seed: string): Selection {
  if (population.issues.length > 0) return { ok: false, title: 'Some rows have no item id', issues: population.issues };
  try {
    return { ok: true, items: selectSample(population.ids, size, seed, (i) => `line ${population.lines[i]}`) };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, title: error.summary, issues: error.issues };
    throw error;
  }
}

/** A seed nobody chose: 16 random hex digits from the browser's cryptographic generator. */
export function randomSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
