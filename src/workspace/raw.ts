/**
 * A parsed file's raw values as the rules read them before any schema does. Free of the schema library, so the
 * worker threads that judge test files (test-pool.ts) load none.
 */
// The domain's modules themselves, not its index: a worker thread loads only what it runs.
import type { Issue } from '../domain/errors.js';
import { locateProblems, type Problem } from '../domain/problems.js';
import type { SampledPopulation, StatedPopulation } from '../domain/sampling/integrity.js';
import type { YamlSource } from './yaml-source.js';

export type Raw = Record<string, unknown>;

/** A rule's problems at the lines of the file their paths point into. */
export function inFile(source: YamlSource, problems: readonly Problem[]): Issue[] {
  return locateProblems(problems, (path) => source.locate(path));
}

/** The file's top-level mapping, or null after recording why there is none. */
export function rawMapping(source: YamlSource, issues: Issue[]): Raw | null {
  if (source.syntaxIssues.length > 0) {
    issues.push(...source.syntaxIssues);
    return null;
  }
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    issues.push({ location: `${source.file}:1`, message: 'expected a mapping of fields (key: value)' });
    return null;
  }
  return source.value as Raw;
}

/**
 * A test's (or retest's) raw values as the rules of sample integrity read them. A value of the wrong type
 * counts as given (NaN for a size): its type is the schema's to report, not a missing population.
 */
export function rawTest(raw: Raw): StatedPopulation & SampledPopulation {
  const size = raw.populationSize;
  const samples = Array.isArray(raw.samples) ? (raw.samples as unknown[]) : [];
  return {
    populationSize: size === undefined ? null : typeof size === 'number' ? size : Number.NaN,
    scopeLimitation: raw.scopeLimitation === undefined ? null : String(raw.scopeLimitation),
    samples: samples.map((sample) => {
      const item = (sample as Raw | null)?.item;
      return { item: typeof item === 'string' || typeof item === 'number' ? String(item) : undefined };
    }),
  };
}
