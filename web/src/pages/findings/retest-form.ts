/** The retest form's values and rules: the checks the server makes, and the one closing rule a person can miss. */
import type { Sample, SampleResult, TestMethod } from '@assay/domain/engagement.js';
import { periodProblems } from '@assay/domain/dates.js';
import { byField } from '@assay/domain/problems.js';
import { sampleProblems } from '@assay/domain/sampling/integrity.js';
import type { RetestInput } from '../../api/findings.js';

export interface RetestValues {
  date: string;
  periodStart: string;
  periodEnd: string;
  method: TestMethod;
  populationSize: number | '';
  samples: { item: string; result: SampleResult; note: string }[];
}

export function emptyRetest(): RetestValues {
  return { date: '', periodStart: '', periodEnd: '', method: 'inspection', populationSize: '', samples: [{ item: '', result: 'pass', note: '' }] };
}

/**
 * The checks before sending. `fixedOn` is when the last corrective action was completed: a retest over a period
 * that does not start after it could never close the finding (closure.ts canClose), so the form refuses it.
 */
export function validateRetest(values: RetestValues, fixedOn: string | null): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  if (values.date === '') errors.date = 'Give the date the retest was performed';
  if (values.periodStart === '') errors.periodStart = 'Give the start of the period retested';
  else if (fixedOn !== null && values.periodStart <= fixedOn) {
    errors.periodStart = `Start after ${fixedOn}, when the last corrective action was completed: an earlier period cannot show the fix works`;
  }
  if (values.periodEnd === '') errors.periodEnd = 'Give the end of the period retested';
  const items = values.samples.map((s) => s.item.trim());
  items.forEach((item, i) => {
    if (item === '') errors[`samples.${i}.item`] = 'Give the id of the sampled item';
  });
  const samples = items.map((item) => ({ item: item === '' ? undefined : item }));
  const populationSize = values.populationSize === '' ? null : values.populationSize;
  const problems = [...periodProblems(values), ...sampleProblems({ populationSize, samples })];
  return { ...byField(problems, { nested: true }), ...errors };
}

export function toRetest(values: RetestValues): RetestInput {
  return {
    date: values.date,
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
    method: values.method,
    populationSize: values.populationSize === '' ? null : values.populationSize,
    samples: values.samples.map((s): Sample => ({ item: s.item.trim(), result: s.result, note: s.note.trim() === '' ? null : s.note.trim() })),
  };
}
