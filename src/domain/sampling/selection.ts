/**
 * Reproducible sample selection that anyone can check (DESIGN §5): each population item is ranked by the
 * hex SHA-256 of `<seed>:<item id>`, ascending, and the first n are taken. The result depends only on the
 * seed and the set of ids, never on the order of the population file.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ValidationError } from '../errors.js';
import { locateProblems, repeats } from '../problems.js';

export interface RankedItem {
  item: string;
  rank: string;
}

export function selectionRank(seed: string, item: string): string {
  return bytesToHex(sha256(utf8ToBytes(`${seed}:${item}`)));
}

/**
 * The whole population in selection order. Duplicate ids are refused: they would make the selection
 * depend on which copy is kept. `locate` names where an item came from, for the error.
 */
export function rankPopulation(
  items: readonly string[],
  seed: string,
  locate: (index: number) => string = (i) => `item ${i + 1}`,
): RankedItem[] {
  const duplicates = repeats(items).map(({ index, first }) => ({ path: [index], message: `duplicate item id "${items[index]}"`, firstAt: [first] }));
  const issues = locateProblems(duplicates, ([i]) => locate(i as number));
  if (issues.length > 0) throw new ValidationError(issues, 'The population has duplicate item ids');
  return items
    .map((item) => ({ item, rank: selectionRank(seed, item) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
}

/** The first `size` items of the population in selection order (all of them if the population is smaller). */
export function selectSample(
  items: readonly string[],
  size: number,
  seed: string,
  locate?: (index: number) => string,
): RankedItem[] {
  if (!Number.isInteger(size) || size < 0) throw new RangeError('sample size must be a whole number ≥ 0');
  return rankPopulation(items, seed, locate).slice(0, size);
}
