/** The shape of an examination's result: what `assay examine --format json` prints (DESIGN §5). */
import type { Category } from '../criteria/catalogue.js';
import type { Engagement } from '../engagement.js';
import type { BoundBasis } from '../sampling/deviation-bound.js';

export const CONTROL_CONCLUSIONS = [
  'effective',
  'effective_with_exceptions',
  'not_effective',
  'design_deficiency',
  'not_tested',
] as const;
export type ControlConclusion = (typeof CONTROL_CONCLUSIONS)[number];

export const CRITERION_STATUSES = ['met', 'met_with_exceptions', 'unable_to_conclude', 'not_met', 'not_applicable'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

/** Whether a criterion is not met because a control is missing or ill-designed, or because one did not operate. */
export type FailureKind = 'design' | 'operating';

export const SEVERITIES = ['deficiency', 'significant_deficiency', 'material_weakness'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** In order of severity: each later kind is a more severe modification. */
export const OPINION_KINDS = ['unmodified', 'qualified', 'adverse', 'disclaimer'] as const;
export type OpinionKind = (typeof OPINION_KINDS)[number];

export interface ControlResult {
  id: string;
  title: string;
  criteria: string[];
  key: boolean;
  conclusion: ControlConclusion;
  populationSize: number | null;
  sampleSize: number | null;
  requiredSampleSize: number | null;
  deviations: number | null;
  /** k / n, the rate observed in the sample. */
  deviationRate: number | null;
  /** The bound judged against the tolerable rate (exact k / N when the whole population was tested). */
  upperDeviationLimit: number | null;
  boundBasis: BoundBasis | null;
  /** The sample that, with no further deviation, would bring the bound within tolerance; null where none would. */
  sampleSizeToConclude: number | null;
  failedSamples: string[];
  warnings: string[];
  reasons: string[];
}

export interface CriterionResult {
  id: string;
  title: string;
  series: string;
  category: Category;
  status: CriterionStatus;
  /** For `not_met`: design when any failure behind it is in design, else operating. */
  failure: FailureKind | null;
  /** For `not_met`: every kind of failure behind it (a criterion can fail in design and in operation). */
  failures: FailureKind[];
  /** Every control that addresses the criterion. */
  controls: string[];
  /** The key controls whose uncompensated failure leaves the criterion not met. */
  failingControls: string[];
  reasons: string[];
}

export interface Deficiency {
  /** The control concluded with exceptions or failed; null for a criterion nothing addresses. */
  control: string | null;
  kind: FailureKind;
  severity: Severity;
  /** The in-scope criteria affected. */
  criteria: string[];
  /** The criteria this deficiency leaves not met (non-empty exactly for a material weakness). */
  criteriaNotMet: string[];
  reasons: string[];
}

export interface Opinion {
  overall: OpinionKind;
  pervasive: boolean;
  basis: string[];
  subjects: {
    description: OpinionKind;
    design: OpinionKind;
    /** Type 2 only. */
    operatingEffectiveness: OpinionKind | null;
  };
}

export interface ExaminationResult extends Pick<Engagement, 'organization' | 'system' | 'reportType' | 'periodStart' | 'periodEnd' | 'categories'> {
  opinion: Opinion;
  controls: ControlResult[];
  criteria: CriterionResult[];
  deficiencies: Deficiency[];
}
