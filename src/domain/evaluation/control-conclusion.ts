/** A control's conclusion (DESIGN §5, "Control conclusion"), with the reasons that lead to it. */
import type { Control, ControlTest, Engagement } from '../engagement.js';
import { list, percent, roundRate } from '../format.js';
import { deviationBound, sampleSizeToConclude, withinTolerance } from '../sampling/deviation-bound.js';
import { requiredSampleSize } from '../sampling/frequency.js';
import type { ControlConclusion, ControlResult } from './result.js';
import { counted } from '../words.js';

/** The result of a control before anything is measured: the conclusion given, no sample counted, no reason yet. */
export function unmeasuredResult(control: Pick<Control, 'id' | 'title' | 'criteria' | 'key'>, conclusion: ControlConclusion): ControlResult {
  return {
    id: control.id,
    title: control.title,
    criteria: control.criteria,
    key: control.key,
    conclusion,
    populationSize: null,
    sampleSize: null,
    requiredSampleSize: null,
    deviations: null,
    deviationRate: null,
    upperDeviationLimit: null,
    boundBasis: null,
    sampleSizeToConclude: null,
    failedSamples: [],
    warnings: [],
    reasons: [],
  };
}

export function concludeControl(
  control: Control,
  test: ControlTest | undefined,
  engagement: Pick<Engagement, 'reportType' | 'sampling'>,
): ControlResult {
  const result = unmeasuredResult(control, 'effective');

  // Rule 1: a control that would not meet its objective even if operated is deficient in design.
  if (control.design === 'deficient') {
    result.conclusion = 'design_deficiency';
    result.reasons.push(`${control.id} is assessed as deficient in design (rule 1).`);
    return result;
  }
  // Rule 2: a Type 1 report concerns design and implementation as of a date; operation is not tested.
  if (engagement.reportType === 'type1') {
    result.reasons.push(`${control.id} is suitably designed and implemented as of the report date (Type 1, rule 2).`);
    return result;
  }
  // Rule 3: without a test there is nothing to conclude on.
  if (!test) {
    result.conclusion = 'not_tested';
    result.reasons.push(`${control.id} has no test of operating effectiveness (rule 3).`);
    return result;
  }
  result.populationSize = test.populationSize;
  // Rule 6: null only for an event-driven control whose population is unknown; the periodic sizes stand alone.
  result.requiredSampleSize = requiredSampleSize(control.frequency, test.populationSize);
  if (test.scopeLimitation !== null) {
    result.conclusion = 'not_tested';
    result.reasons.push(`${control.id} could not be tested: ${test.scopeLimitation} (scope limitation, rule 3).`);
    return result;
  }
  const n = test.samples.length;
  result.sampleSize = n;
  if (n === 0) {
    // A test with no sample tested gives no evidence of operation: treated like no test.
    result.conclusion = 'not_tested';
    result.reasons.push(`${control.id} has a test but no sample was tested (rule 3).`);
    return result;
  }

  const failed = test.samples.filter((s) => s.result === 'fail');
  const k = failed.length;
  const { confidence, tolerableRate } = engagement.sampling;
  const bound = deviationBound(n, k, test.populationSize, confidence);
  result.deviations = k;
  result.deviationRate = roundRate(k / n);
  result.upperDeviationLimit = roundRate(bound.rate);
  result.boundBasis = bound.basis;
  result.failedSamples = failed.map((s) => s.item);

  if (result.requiredSampleSize !== null && n < result.requiredSampleSize) {
    result.warnings.push(
      `${counted(n, 'sample')} tested where the ${control.frequency} frequency table asks for ${result.requiredSampleSize} (rule 6).`,
    );
  }

  const boundText = describeBound(bound.basis, bound.rate, confidence, test.populationSize);
  if (k === 0) {
    result.reasons.push(`${control.id}: no deviation in ${counted(n, 'sample')} tested; ${boundText} (rule 4).`);
    return result;
  }

  const deviated = `${k} of ${counted(n, 'sample')} deviated (${list(result.failedSamples)})`;
  if (withinTolerance(bound.rate, tolerableRate)) {
    result.conclusion = 'effective_with_exceptions';
    result.reasons.push(
      `${control.id}: ${deviated}; ${boundText}, within the tolerable rate of ${percent(tolerableRate)} (rule 5).`,
    );
    return result;
  }
  result.conclusion = 'not_effective';
  result.reasons.push(
    `${control.id}: ${deviated}; ${boundText}, above the tolerable rate of ${percent(tolerableRate)} (rule 5).`,
  );
  // Rule 7: the expansion an auditor may choose before concluding.
  result.sampleSizeToConclude = sampleSizeToConclude(k, test.populationSize, engagement.sampling);
  result.reasons.push(
    result.sampleSizeToConclude === null
      ? `No larger sample can bring the bound within tolerance: ${counted(k, 'deviation')} already exceed ${percent(tolerableRate)} of the population of ${test.populationSize} (rule 7).`
      : `A sample of ${result.sampleSizeToConclude} with no further deviation would bring the bound within ${percent(tolerableRate)} (rule 7).`,
  );
  return result;
}

function describeBound(basis: string, rate: number, confidence: number, populationSize: number | null): string {
  switch (basis) {
    case 'exact':
      return `the whole population of ${populationSize} was tested, so the deviation rate ${percent(rate)} is exact`;
    case 'untested-remainder':
      return `the deviation rate is at most ${percent(rate)} even if every untested item of the ${populationSize} deviated`;
    default:
      return `the upper deviation limit at ${percent(confidence)} confidence is ${percent(rate)}`;
  }
}
