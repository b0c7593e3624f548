/**
 * A missing occurrence as the examination sees it: a deviation in the control's test (docs/coverage.md).
 *
 * For a periodic control the population is its occurrences over the period, so each occurrence the period
 * requires and no evidence covers is a failed sample named by the occurrence (`2026-Q2`). A sample the auditor
 * recorded for that occurrence stands (the result is the auditor's); a tracked control without a test is tested
 * by the coverage alone, its population being the occurrences owed. Without evidence stating a covered period
 * nothing changes: the examination is exactly DESIGN.md §5's.
 */
import type { ControlTest, Examination, Sample } from '../engagement.js';
import { examine } from '../evaluation/examine.js';
import type { ExaminationResult } from '../evaluation/result.js';
import { list } from '../format.js';
import { counted, nounFor } from '../words.js';
import { engagementCoverage, type ControlCoverage, type CoverageEvidence } from './coverage.js';

export interface CoveredExamination {
  examination: Examination;
  /** Each control's coverage, in the examination's order. */
  coverage: ControlCoverage[];
}

/** The examination with every missing occurrence of a tracked control added to its test as a failed sample. */
export function withCoverage(examination: Examination, evidence: readonly CoverageEvidence[]): CoveredExamination {
  const coverage = engagementCoverage(examination, evidence);
  return { examination: applyCoverage(examination, coverage), coverage };
}

/**
 * The examination with the missing occurrences of coverage already worked out added as failed samples. Applying it
 * again changes nothing: an occurrence already sampled stands.
 */
export function applyCoverage(examination: Examination, coverage: readonly ControlCoverage[]): Examination {
  const short = coverage.filter((c) => c.missing.length > 0);
  if (short.length === 0) return examination;
  const tests = new Map(examination.tests.map((t) => [t.control, t]));
  for (const c of short) tests.set(c.control, testWithMissing(c, tests.get(c.control)));
  return { ...examination, tests: [...tests.values()] };
}

function testWithMissing(coverage: ControlCoverage, test: ControlTest | undefined): ControlTest {
  const sampled = new Set(test?.samples.map((s) => s.item));
  const failed: Sample[] = coverage.occurrences
    .filter((o) => o.status === 'missing' && !sampled.has(o.label))
    .map((o) => ({ item: o.label, result: 'fail', note: `No evidence covers ${o.from} to ${o.to}` }));
  const samples = [...(test?.samples ?? []), ...failed];
  if (!test) return { control: coverage.control, method: 'inspection', populationSize: coverage.occurrences.length, samples, scopeLimitation: null };
  // A population of unknown size stays unknown (stating it would turn the bound exact, and could improve it); a
  // stated one grows only as far as the samples need, as one more failed sample does anywhere in the engine.
  const populationSize = test.populationSize === null ? null : Math.max(test.populationSize, samples.length);
  return { ...test, samples, populationSize };
}

/** The engine's result with period coverage: {@link withCoverage} examined, each short control's reasons naming its missing occurrences. */
export function examineWithCoverage(examination: Examination, evidence: readonly CoverageEvidence[]): ExaminationResult {
  return examineCovered(withCoverage(examination, evidence));
}

/** {@link examineWithCoverage} of an examination {@link withCoverage} gave, for a caller that reads that examination too. */
export function examineCovered(covered: CoveredExamination): ExaminationResult {
  const result = examine(covered.examination);
  const missing = new Map(covered.coverage.filter((c) => c.missing.length > 0).map((c) => [c.control, c]));
  for (const control of result.controls) {
    const short = missing.get(control.id);
    if (!short) continue;
    const owed = short.occurrences.length;
    control.reasons.push(
      `${control.id}: no evidence covers the ${nounFor(short.missing.length, 'occurrence')} ${list(short.missing)} of the ${counted(owed, 'occurrence')} the period requires; each counts as a deviation (period coverage).`,
    );
  }
  return result;
}
