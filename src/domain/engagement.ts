/**
 * The examination as the engine sees it: the engagement's settings, the controls and their tests.
 * Loaders (workspace folder, database) build this shape; the engine reads nothing else.
 */
import type { Category } from './criteria/catalogue.js';

export const REPORT_TYPES = ['type1', 'type2'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const FREQUENCIES = [
  'annual',
  'semiannual',
  'quarterly',
  'monthly',
  'weekly',
  'daily',
  'multiple-daily',
  'event',
  'automated',
] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const NATURES = ['manual', 'automated'] as const;
export type Nature = (typeof NATURES)[number];

export const DESIGN_ASSESSMENTS = ['effective', 'deficient'] as const;
export type DesignAssessment = (typeof DESIGN_ASSESSMENTS)[number];

export const TEST_METHODS = ['inquiry', 'observation', 'inspection', 'reperformance'] as const;
export type TestMethod = (typeof TEST_METHODS)[number];

export const SAMPLE_RESULTS = ['pass', 'fail'] as const;
export type SampleResult = (typeof SAMPLE_RESULTS)[number];

export interface SamplingSettings {
  /** One-sided confidence of the upper deviation limit, e.g. 0.90. */
  confidence: number;
  /** The highest deviation rate at which a control is still relied on, e.g. 0.10. */
  tolerableRate: number;
}

export interface PervasivenessThresholds {
  /** A set of criteria spanning at least this many series is pervasive. */
  minSeries: number;
  /** A set holding at least this share of the in-scope criteria is pervasive. */
  minShare: number;
}

export const DEFAULT_SAMPLING: SamplingSettings = { confidence: 0.9, tolerableRate: 0.1 };
export const DEFAULT_PERVASIVENESS: PervasivenessThresholds = { minSeries: 3, minShare: 0.25 };

export interface Misstatement {
  text: string;
  pervasive: boolean;
}

export interface NotApplicableCriterion {
  criterion: string;
  reason: string;
}

export interface Engagement {
  organization: string;
  system: string;
  reportType: ReportType;
  /** ISO date; type2 only. */
  periodStart: string | null;
  /** ISO date: end of the period (type2) or the "as of" date (type1). */
  periodEnd: string;
  categories: Category[];
  notApplicable: NotApplicableCriterion[];
  sampling: SamplingSettings;
  pervasiveness: PervasivenessThresholds;
  misstatements: Misstatement[];
}

export interface Control {
  id: string;
  title: string;
  criteria: string[];
  frequency: Frequency;
  nature: Nature;
  key: boolean;
  design: DesignAssessment;
  /** Ids of the controls whose failure this control compensates. */
  compensates: string[];
  owner: string | null;
}

export interface Sample {
  item: string;
  result: SampleResult;
  note: string | null;
}

/** The test of one control's operating effectiveness over the period (Type 2). */
export interface ControlTest {
  control: string;
  method: TestMethod;
  populationSize: number | null;
  samples: Sample[];
  /** Why the control could not be tested (population or evidence not produced). */
  scopeLimitation: string | null;
}

export interface Examination {
  engagement: Engagement;
  controls: Control[];
  tests: ControlTest[];
}
