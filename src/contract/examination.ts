/**
 * The examination's result: exactly what `assay examine --format json` prints (DESIGN §5), declared in full
 * because it is the API's contract. The compile-time check at the end keeps it equal to the engine's type.
 */
import { z } from 'zod';
import {
  CATEGORIES,
  CONTROL_CONCLUSIONS,
  CRITERION_STATUSES,
  OPINION_KINDS,
  REPORT_TYPES,
  SEVERITIES,
  type BoundBasis,
  type ExaminationResult as EngineResult,
  type FailureKind,
  type FixRanking as EngineFixRanking,
} from '../domain/index.js';
import { paged } from './paging.js';

const BOUND_BASES = ['exact', 'clopper-pearson', 'untested-remainder'] as const satisfies readonly BoundBasis[];
const FAILURE_KINDS = ['design', 'operating'] as const satisfies readonly FailureKind[];

const ids = z.array(z.string());
const count = z.number().int().nullable();
const opinionKind = z.enum(OPINION_KINDS);

export const controlResultSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    criteria: ids,
    key: z.boolean(),
    conclusion: z.enum(CONTROL_CONCLUSIONS),
    populationSize: count,
    sampleSize: count,
    requiredSampleSize: count,
    deviations: count,
    /** k / n, the rate observed in the sample. */
    deviationRate: z.number().nullable(),
    /** The bound judged against the tolerable rate (exact k / N when the whole population was tested). */
    upperDeviationLimit: z.number().nullable(),
    boundBasis: z.enum(BOUND_BASES).nullable(),
    /** The sample that, with no further deviation, would bring the bound within tolerance; null where none would. */
    sampleSizeToConclude: count,
    failedSamples: ids,
    warnings: z.array(z.string()),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'ControlResult' });

export const criterionResultSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    series: z.string(),
    category: z.enum(CATEGORIES),
    status: z.enum(CRITERION_STATUSES),
    failure: z.enum(FAILURE_KINDS).nullable(),
    failures: z.array(z.enum(FAILURE_KINDS)),
    controls: ids,
    failingControls: ids,
    reasons: z.array(z.string()),
  })
  .meta({ id: 'CriterionResult' });

export const deficiencySchema = z
  .object({
    /** The control concluded with exceptions or failed; null for a criterion nothing addresses. */
    control: z.string().nullable(),
    kind: z.enum(FAILURE_KINDS),
    severity: z.enum(SEVERITIES),
    criteria: ids,
    criteriaNotMet: ids,
    reasons: z.array(z.string()),
  })
  .meta({ id: 'Deficiency' });

export const opinionSchema = z
  .object({
    overall: opinionKind,
    pervasive: z.boolean(),
    basis: z.array(z.string()),
    subjects: z.object({
      description: opinionKind,
      design: opinionKind,
      /** Type 2 only. */
      operatingEffectiveness: opinionKind.nullable(),
    }),
  })
  .meta({ id: 'Opinion' });

export const examinationResultSchema = z
  .object({
    organization: z.string(),
    system: z.string(),
    reportType: z.enum(REPORT_TYPES),
    periodStart: z.string().nullable(),
    periodEnd: z.string(),
    categories: z.array(z.enum(CATEGORIES)),
    opinion: opinionSchema,
    controls: z.array(controlResultSchema),
    criteria: z.array(criterionResultSchema),
    deficiencies: z.array(deficiencySchema),
  })
  .meta({ id: 'ExaminationResult' });

const countsOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as { [K in T[number]]: z.ZodNumber });

export const historyPointSchema = z
  .object({
    takenAt: z.string(),
    /** The engagement revision evaluated (null for a snapshot taken without one). */
    revision: z.number().int().nullable(),
    opinion: opinionKind,
    /** How many criteria have each status. */
    criteria: countsOf(CRITERION_STATUSES),
    /** How many deficiencies have each severity. */
    deficiencies: countsOf(SEVERITIES),
  })
  .meta({ id: 'ExaminationHistoryPoint' });

export const historyList = paged(historyPointSchema);

export const fixRankingSchema = z
  .object({
    /** The overall opinion forecast as things stand. */
    opinion: opinionKind,
    /** One per deficient control, best first: the opinion it gives, then the criteria it restores, then severity. */
    fixes: z.array(
      z.object({
        control: z.string(),
        /** Its conclusion now. */
        conclusion: z.enum(CONTROL_CONCLUSIONS),
        /** The severity of its deficiency now. */
        severity: z.enum(SEVERITIES),
        /** The overall opinion forecast with the control effective (its failed samples retested clean). */
        opinion: opinionKind,
        /** The criteria not met or unable to conclude now that would be met. */
        restores: ids,
        /** Every criterion whose status would change. */
        criteria: z.array(z.object({ id: z.string(), before: z.enum(CRITERION_STATUSES), after: z.enum(CRITERION_STATUSES) })),
      }),
    ),
  })
  .meta({ id: 'FixRanking' });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when the schema and the engine's `ExaminationResult` drift apart. */
export const SCHEMA_IS_THE_RESULT: Same<z.output<typeof examinationResultSchema>, EngineResult> = true;
/** Fails to compile when the schema and the engine's `FixRanking` drift apart. */
export const SCHEMA_IS_THE_RANKING: Same<z.output<typeof fixRankingSchema>, EngineFixRanking> = true;

export type ControlResult = z.infer<typeof controlResultSchema>;
export type CriterionResult = z.infer<typeof criterionResultSchema>;
export type Deficiency = z.infer<typeof deficiencySchema>;
export type Opinion = z.infer<typeof opinionSchema>;
export type ExaminationResult = z.infer<typeof examinationResultSchema>;
export type HistoryPoint = z.infer<typeof historyPointSchema>;
export type FixRanking = z.infer<typeof fixRankingSchema>;
