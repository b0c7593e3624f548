/**
 * Findings derived from an examination: one per deficiency, linked to its failed samples and criteria. Ids are
 * stable (from the control id, or the criterion nobody addresses), so deriving again adds nothing twice.
 */
import { DEFAULT_PERVASIVENESS, type Examination, type PervasivenessThresholds } from '../engagement.js';
import { list, words } from '../format.js';
import { isPervasive } from '../evaluation/opinion.js';
import type { ControlResult, Deficiency, ExaminationResult } from '../evaluation/result.js';
import { noFollowUp, type Classification, type FailedSample, type Finding } from './model.js';

/** `F-AC-04` for a control's deficiency; `F-GAP-CC6.4` for a criterion no control addresses. */
export function findingCodeOf(deficiency: Pick<Deficiency, 'control' | 'criteria'>): string {
  return deficiency.control !== null ? `F-${deficiency.control}` : `F-GAP-${deficiency.criteria.join('-')}`;
}

/**
 * The engine's forecast for a deficiency, as a finding's classification (no override yet). Its pervasiveness is
 * that of the criteria it leaves not met, judged alone by the opinion's rule: a deficiency that leaves none
 * unmet is never pervasive.
 */
export function forecastOf(
  deficiency: Deficiency,
  result: Pick<ExaminationResult, 'criteria'>,
  thresholds: PervasivenessThresholds = DEFAULT_PERVASIVENESS,
): Classification {
  const inScope = result.criteria.filter((c) => c.status !== 'not_applicable').length;
  const pervasive = isPervasive(deficiency.criteriaNotMet, inScope, thresholds);
  return {
    kind: deficiency.kind,
    severity: deficiency.severity,
    pervasive,
    reasons: [
      ...deficiency.reasons,
      ...(pervasive ? [`The criteria it leaves not met (${list(deficiency.criteriaNotMet)}) are pervasive on their own.`] : []),
    ],
    override: null,
  };
}

/**
 * One finding per deficiency of the examination, open, with the control's failed samples and their notes
 * and the criteria it affects. The examination, when given, supplies the samples' notes and the engagement's
 * pervasiveness thresholds.
 */
export function deriveFindings(result: ExaminationResult, examination?: Pick<Examination, 'tests' | 'engagement'>): Finding[] {
  const tests = examination?.tests ?? [];
  const thresholds = examination?.engagement.pervasiveness ?? DEFAULT_PERVASIVENESS;
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  const notes = new Map<string, Map<string, string | null>>(
    tests.map((t) => [t.control, new Map(t.samples.map((s) => [s.item, s.note]))]),
  );
  return result.deficiencies.map((deficiency) => {
    const control = deficiency.control !== null ? controls.get(deficiency.control) : undefined;
    const failedSamples: FailedSample[] = (control?.failedSamples ?? []).map((item) => ({
      item,
      note: notes.get(control?.id ?? '')?.get(item) ?? null,
    }));
    return {
      code: findingCodeOf(deficiency),
      title: titleOf(deficiency, control),
      description: control ? `${control.id}: ${control.title}. ${[...control.reasons, ...deficiency.reasons].join(' ')}` : deficiency.reasons.join(' '),
      source: 'deficiency',
      control: deficiency.control,
      criteria: [...deficiency.criteria],
      classification: forecastOf(deficiency, result, thresholds),
      status: 'open',
      identifiedOn: result.periodEnd,
      failedSamples,
      ...noFollowUp(),
    };
  });
}

function titleOf(deficiency: Deficiency, control: ControlResult | undefined): string {
  if (!control) return `No control addresses ${list(deficiency.criteria)}`;
  if (control.conclusion === 'design_deficiency') return `${control.id} is deficient in design`;
  const conclusion = words(control.conclusion);
  return control.deviations !== null && control.sampleSize !== null
    ? `${control.id} ${conclusion}: ${control.deviations} of ${control.sampleSize} samples deviated`
    : `${control.id} ${conclusion}`;
}

/**
 * Adds the derived findings that are not there yet. A finding already kept (same id) keeps its lifecycle,
 * root cause, actions and deviations; only the engine's forecast on it is brought up to date, and an auditor's
 * override stays beside it.
 */
export function mergeDerivedFindings(existing: readonly Finding[], derived: readonly Finding[]): Finding[] {
  const derivedById = new Map(derived.map((f) => [f.code, f]));
  const kept = existing.map((finding) => {
    const fresh = derivedById.get(finding.code);
    if (!fresh || finding.source !== 'deficiency') return finding;
    return { ...finding, classification: { ...fresh.classification, override: finding.classification.override } };
  });
  const known = new Set(existing.map((f) => f.code));
  return [...kept, ...derived.filter((f) => !known.has(f.code))];
}
