/**
 * A test file judged on its own: the rules that need no other file (its shape, sample integrity, what a test that
 * stands on a check may not give). validate.ts adds the rules across files; the worker threads of test-pool.ts run
 * this alone, so it loads no schema library: a file the fast judge refuses goes back to the main thread, whose
 * schema words the problems.
 */
import { readFileSync } from 'node:fs';
// The domain's modules themselves, not its index: a worker thread loads only what it runs.
import { SAMPLE_RESULTS, type ControlTest, type SampleResult } from '../domain/engagement.js';
import type { Issue } from '../domain/errors.js';
import { testProblems } from '../domain/sampling/integrity.js';
import { inFile, rawMapping, rawTest, type Raw } from './raw.js';
import { fastTestFile } from './schema-fast.js';
import { fastSource } from './fast-source.js';
import type { TestFile } from './schema.js';
import type { YamlSource } from './yaml-source.js';
import { readYamlFast } from './yaml-fast.js';

/** A test that stands on a check: its run is the test (DESIGN §8). */
export interface CheckedTestRef {
  control: string;
  check: string;
  /** `file:line` of the test's `check:`. */
  location: string;
}

/** A test file with nothing wrong on its own: what the rules across files and the Examination take of it. */
export interface JudgedTest {
  /** `control:` as written (tests are matched to controls as written) and its `file:line`. */
  control: string;
  controlAt: string;
  test: ControlTest | CheckedTestRef;
}

/** The file's own problems, in the order they are found. */
export function testFileIssues(source: YamlSource, raw: Raw): Issue[] {
  if (raw.check === undefined) return inFile(source, testProblems(rawTest(raw)));
  const issues: Issue[] = [];
  // The check's run is the test: its population, its items, its failures.
  if (raw.method !== 'reperformance') issues.push({ location: source.locate(['method']), message: 'a test that stands on a check is a reperformance: write method: reperformance' });
  for (const field of ['populationSize', 'samples', 'scopeLimitation']) {
    if (raw[field] !== undefined) issues.push({ location: source.locate([field], { key: true }), message: `a test that stands on a check takes no ${field}: the check gives it` });
  }
  return issues;
}

/** The test of a file its schema accepted, or the check it stands on. */
export function testOfFile(source: YamlSource, file: TestFile): ControlTest | CheckedTestRef {
  if (file.check !== undefined) return { control: file.control, check: file.check, location: source.locate(['check']) };
  return {
    control: file.control,
    method: file.method,
    populationSize: file.populationSize ?? null,
    samples: file.samples.map((s) => ({ item: s.item, result: s.result, note: s.note ?? null })),
    scopeLimitation: file.scopeLimitation ?? null,
  };
}

/** The file judged on its own; null when anything is wrong in it, or only the schema can tell (the main thread judges it). */
export function judgeTestFile(source: YamlSource): JudgedTest | null {
  const issues: Issue[] = [];
  const raw = rawMapping(source, issues);
  if (!raw || typeof raw.control !== 'string' || testFileIssues(source, raw).length > 0) return null;
  const file = fastTestFile(raw);
  return file ? { control: raw.control, controlAt: source.locate(['control']), test: testOfFile(source, file) } : null;
}

/** A line only the positional parser can find: the file is the validator's to judge whole. */
class PositionalParserNeeded extends Error {}

/**
 * A test file read and judged on its own, with the fast reader only: the judged test, or the text of a file the
 * validator must judge whole (anything wrong in it, a file only the positional parser reads or a line only it can
 * find: this loads neither), or null for a file that could not be read (the validator's reading fails as it would).
 */
export function judgeTestFileAt(file: string): { judged: JudgedTest } | { text: string | null } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { text: null };
  }
  const value = readYamlFast(text);
  if (value === undefined) return { text };
  try {
    const judged = judgeTestFile(
      fastSource(file, text, value, () => {
        throw new PositionalParserNeeded();
      }),
    );
    return judged ? { judged } : { text };
  } catch (error) {
    if (error instanceof PositionalParserNeeded) return { text };
    throw error;
  }
}

/**
 * A judged test as it crosses between threads: its samples as columns, since a structured clone of a hundred
 * thousand small objects costs the receiving thread more than building them from a few arrays.
 */
export type PackedTest =
  | { control: string; controlAt: string; checked: CheckedTestRef }
  | {
      control: string;
      controlAt: string;
      test: Omit<ControlTest, 'samples'>;
      items: string[];
      /** Each sample's result as its index in SAMPLE_RESULTS. */
      results: Uint8Array;
      notes: (string | null)[];
    };

export function packTest({ control, controlAt, test }: JudgedTest): PackedTest {
  if ('check' in test) return { control, controlAt, checked: test };
  const { samples, ...rest } = test;
  return {
    control,
    controlAt,
    test: rest,
    items: samples.map((s) => s.item),
    results: Uint8Array.from(samples, (s) => SAMPLE_RESULTS.indexOf(s.result)),
    notes: samples.map((s) => s.note),
  };
}

export function unpackTest(packed: PackedTest): JudgedTest {
  if ('checked' in packed) return { control: packed.control, controlAt: packed.controlAt, test: packed.checked };
  const { items, results, notes } = packed;
  const samples = new Array<ControlTest['samples'][number]>(items.length);
  for (let i = 0; i < items.length; i++) samples[i] = { item: items[i] as string, result: SAMPLE_RESULTS[results[i] as number] as SampleResult, note: notes[i] ?? null };
  return { control: packed.control, controlAt: packed.controlAt, test: { ...packed.test, samples } };
}
