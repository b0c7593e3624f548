/**
 * The examination engine: control conclusions → criterion statuses → deficiencies → opinion.
 * Pure and linear in the size of the examination, so the CLI, the server and the browser all run it.
 */
import { criteriaOfCategories } from '../criteria/catalogue.js';
import type { ControlTest, Examination } from '../engagement.js';
import { concludeControl } from './control-conclusion.js';
import { criterionStatus } from './criterion-status.js';
import { findDeficiencies } from './deficiencies.js';
import { formOpinion } from './opinion.js';
import type { ControlResult, ExaminationResult } from './result.js';

export function examine(examination: Examination): ExaminationResult {
  return examineConcluded(examination, concludeControls(examination));
}

/** Each control's conclusion (rule by rule, from its test), in natural id order: the engine's first step. */
export function concludeControls(examination: Examination): ControlResult[] {
  const testByControl = new Map<string, ControlTest>(examination.tests.map((t) => [t.control, t]));
  return [...examination.controls]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((c) => concludeControl(c, testByControl.get(c.id), examination.engagement));
}

/**
 * The rest of the engine from the controls' conclusions (one per control of the examination, in id order, as
 * `concludeControls` gives them): criterion statuses, deficiencies and the opinion. Split out so a what-if can
 * conclude again only the control it changes.
 */
export function examineConcluded(examination: Examination, controls: ControlResult[]): ExaminationResult {
  const { engagement } = examination;
  const compensatesOf = new Map(examination.controls.map((c) => [c.id, c.compensates]));
  // The results are in id order, so each criterion's list of addressing controls is too.
  const addressing = new Map<string, ControlResult[]>();
  const compensators = new Map<string, ControlResult[]>();
  for (const result of controls) {
    for (const criterion of result.criteria) push(addressing, criterion, result);
    for (const compensated of compensatesOf.get(result.id) ?? []) push(compensators, compensated, result);
  }

  const notApplicable = new Map(engagement.notApplicable.map((n) => [n.criterion, n.reason]));
  const criteria = criteriaOfCategories(engagement.categories).map((criterion) =>
    criterionStatus(criterion, {
      addressing: (id) => addressing.get(id) ?? [],
      compensators: (id) => compensators.get(id) ?? [],
      notApplicableReason: (id) => notApplicable.get(id),
    }),
  );

  return {
    organization: engagement.organization,
    system: engagement.system,
    reportType: engagement.reportType,
    periodStart: engagement.periodStart,
    periodEnd: engagement.periodEnd,
    categories: engagement.categories,
    opinion: formOpinion(engagement, criteria),
    controls,
    criteria,
    deficiencies: findDeficiencies(controls, criteria),
  };
}

/** One collator for every comparison: `localeCompare` with options builds one per call, the engine's hot spot. */
const NATURAL_ORDER = new Intl.Collator('en', { numeric: true });

/** Natural order for ids: AC-2 before AC-10. */
export function compareIds(a: string, b: string): number {
  return NATURAL_ORDER.compare(a, b);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
