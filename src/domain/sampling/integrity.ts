/**
 * What makes a test's samples evidence at all: a population stated (or a scope limitation saying why it could
 * not be produced), no more samples than the population holds, and no item sampled twice. Tests, retests,
 * imports and forms all check these rules here.
 */
import type { Problem } from '../problems.js';
import { repeats } from '../problems.js';

export interface StatedPopulation {
  populationSize: number | null;
  scopeLimitation: string | null;
}

export interface SampledPopulation {
  populationSize: number | null;
  /** An item that is undefined (not given, or not text) is left to the check of the shape. */
  samples: readonly { item: string | undefined }[];
  /** Items selected but not yet tested (the database's, never the workspace's): they hold places in the population. */
  untested?: readonly string[];
}

/** The test says how large its population is, or why it could not be produced. */
export function populationProblems(test: StatedPopulation): Problem[] {
  if (test.populationSize !== null || test.scopeLimitation !== null) return [];
  return [
    { path: ['populationSize'], message: 'the population size is required, or a scope limitation saying why the population could not be produced' },
  ];
}

/** No more samples than the population (when its size is known), and no item twice. */
export function sampleProblems(test: SampledPopulation): Problem[] {
  const problems: Problem[] = [];
  const untested = test.untested?.length ?? 0;
  const n = test.samples.length + untested;
  if (test.populationSize !== null && n > test.populationSize) {
    const how = untested === 0 ? 'tested' : `selected (${untested} not yet tested)`;
    problems.push({ path: ['populationSize'], message: `${n} samples ${how} from a population of only ${test.populationSize}` });
  }
  const items = test.samples.map((s) => s.item);
  for (const { index, first } of repeats(items)) {
    problems.push({
      path: ['samples', index, 'item'],
      message: `sample item "${items[index]}" appears twice`,
      firstAt: ['samples', first, 'item'],
    });
  }
  return problems;
}

/** Every problem of a whole test: its population stated, its samples within it and each item once. */
export function testProblems(test: StatedPopulation & SampledPopulation): Problem[] {
  return [...populationProblems(test), ...sampleProblems(test)];
}

/**
 * Adding `item` to a test whose samples are whole keeps them whole: the item is not sampled already and the
 * population has an item left. Said of the new sample's `item`, without reading the samples there are. An item
 * selected but not yet tested holds its place already: recording its result takes no new one.
 */
export function newSampleProblems(
  test: { populationSize: number | null; sampleCount: number; untested?: readonly string[] },
  item: string,
  sampledAlready: boolean,
): Problem[] {
  if (sampledAlready) return [{ path: ['item'], message: `sample item "${item}" is already in the test` }];
  const untested = test.untested ?? [];
  if (untested.includes(item)) return [];
  const selected = test.sampleCount + untested.length;
  if (test.populationSize !== null && selected >= test.populationSize) {
    return [{ path: ['item'], message: `the population has ${test.populationSize} items and ${selected} are sampled already` }];
  }
  return [];
}
