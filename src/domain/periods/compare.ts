/**
 * Two periods side by side: each criterion's status, each control's
 * conclusion and the opinion of one examination against another, with the direction of each change.
 */
import { CRITERIA } from '../criteria/catalogue.js';
import { compareIds } from '../evaluation/examine.js';
import {
  CRITERION_STATUSES,
  OPINION_KINDS,
  type ControlConclusion,
  type CriterionStatus,
  type ExaminationResult,
  type Opinion,
  type OpinionKind,
} from '../evaluation/result.js';

/** better / worse: the same thing in both periods, judged; added / removed: in one period's scope only. */
export const PERIOD_CHANGES = ['better', 'worse', 'same', 'added', 'removed'] as const;
export type PeriodChange = (typeof PERIOD_CHANGES)[number];

/** One thing (criterion, control) as each period concluded on it; null where a period did not have it. */
export interface ComparedItem<T extends string> {
  id: string;
  before: T | null;
  after: T | null;
  change: PeriodChange;
}

/** One period as a comparison shows it. */
export interface PeriodSummary {
  engagementId: string;
  name: string;
  periodStart: string | null;
  periodEnd: string;
  opinion: Opinion;
}

/** Two periods side by side: the earlier (by its end) first, so better and worse read forward in time. */
export interface Comparison extends PeriodComparison {
  before: PeriodSummary;
  after: PeriodSummary;
}

export interface PeriodComparison {
  criteria: ComparedItem<CriterionStatus>[];
  controls: ComparedItem<ControlConclusion>[];
  opinion: { before: OpinionKind; after: OpinionKind; change: PeriodChange };
}

/**
 * Conclusions from best to worst. They map onto the criterion statuses they lead to (DESIGN §5): effective →
 * met, with exceptions → met with exceptions, not tested → unable to conclude, not effective and design
 * deficiency → not met; a design deficiency ranks below an operating failure, since a control not suitably
 * designed could not have operated effectively whatever its samples showed.
 */
export const CONCLUSION_ORDER = [
  'effective',
  'effective_with_exceptions',
  'not_tested',
  'not_effective',
  'design_deficiency',
] as const satisfies readonly ControlConclusion[];

/** How `after` stands against `before` in an order from best to worst. */
function judge<T extends string>(before: T, after: T, order: readonly T[]): PeriodChange {
  const from = order.indexOf(before);
  const to = order.indexOf(after);
  return to === from ? 'same' : to < from ? 'better' : 'worse';
}

/** Statuses from best to worst; not applicable is outside the scope, not a rank. */
const STATUS_ORDER = CRITERION_STATUSES.filter((s) => s !== 'not_applicable');

/**
 * A criterion not applicable in a period is out of that period's scope, like one of a category not chosen:
 * it is added when it comes into scope and removed when it leaves, never better or worse.
 */
function criterionChange(before: CriterionStatus | null, after: CriterionStatus | null): PeriodChange {
  const inBefore = before !== null && before !== 'not_applicable';
  const inAfter = after !== null && after !== 'not_applicable';
  if (!inBefore && !inAfter) return 'same';
  if (!inBefore) return 'added';
  if (!inAfter) return 'removed';
  return judge(before, after, STATUS_ORDER);
}

function conclusionChange(before: ControlConclusion | null, after: ControlConclusion | null): PeriodChange {
  if (before === null) return 'added';
  if (after === null) return 'removed';
  return judge(before, after, CONCLUSION_ORDER);
}

const CATALOGUE_POSITION = new Map(CRITERIA.map((c, i) => [c.id, i]));

/** Every id of either list, each once, in `order`. */
function union(before: readonly { id: string }[], after: readonly { id: string }[], order: (a: string, b: string) => number): string[] {
  return [...new Set([...before.map((x) => x.id), ...after.map((x) => x.id)])].sort(order);
}

/**
 * The later period (`after`) against the earlier one (`before`): criteria in the catalogue's order, controls by
 * id (matched by id: a control carried forward keeps its id), and the overall opinion. Pure: the two results
 * are read, never changed.
 */
export function comparePeriods(before: ExaminationResult, after: ExaminationResult): PeriodComparison {
  const statusBefore = new Map(before.criteria.map((c) => [c.id, c.status]));
  const statusAfter = new Map(after.criteria.map((c) => [c.id, c.status]));
  const criteria = union(
    before.criteria,
    after.criteria,
    (a, b) => (CATALOGUE_POSITION.get(a) ?? Infinity) - (CATALOGUE_POSITION.get(b) ?? Infinity) || compareIds(a, b),
  ).map((id) => {
    const was = statusBefore.get(id) ?? null;
    const is = statusAfter.get(id) ?? null;
    return { id, before: was, after: is, change: criterionChange(was, is) };
  });

  const conclusionBefore = new Map(before.controls.map((c) => [c.id, c.conclusion]));
  const conclusionAfter = new Map(after.controls.map((c) => [c.id, c.conclusion]));
  const controls = union(before.controls, after.controls, compareIds).map((id) => {
    const was = conclusionBefore.get(id) ?? null;
    const is = conclusionAfter.get(id) ?? null;
    return { id, before: was, after: is, change: conclusionChange(was, is) };
  });

  const opinion = {
    before: before.opinion.overall,
    after: after.opinion.overall,
    change: judge(before.opinion.overall, after.opinion.overall, OPINION_KINDS),
  };
  return { criteria, controls, opinion };
}
