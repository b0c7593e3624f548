/**
 * Periods over HTTP: opening the next period, comparing two, and the forecast after remediation. The
 * shapes are checked here (real dates, lengths, unknown fields refused); the rule that the next period starts
 * after this one ends is the service's, so the command line would get it too.
 */
import { z } from 'zod';
import { CONTROL_CONCLUSIONS, CRITERION_STATUSES, OPINION_KINDS, PERIOD_CHANGES } from '../domain/index.js';
import { MAX_NAME_LENGTH } from '../domain/limits.js';
import { examinationResultSchema, opinionSchema } from './examination.js';
import { date, idParam, text } from './fields.js';

const change = z.enum(PERIOD_CHANGES);

export const reExaminationBody = z.strictObject({
  name: text(MAX_NAME_LENGTH),
  /** After the end of this engagement's period. */
  periodStart: date,
  periodEnd: date,
});

export const comparisonQuery = z.strictObject({
  /** The other engagement of the organisation; by default this one's previous period. */
  with: idParam.optional(),
});

const periodSummary = z.object({
  engagementId: z.string(),
  name: z.string(),
  periodStart: z.string().nullable(),
  periodEnd: z.string(),
  opinion: opinionSchema,
});

/** One thing as each period concluded on it: null where the period did not have it in scope. */
const compared = <T extends z.ZodType>(value: T) => z.object({ id: z.string(), before: value.nullable(), after: value.nullable(), change });

export const comparisonSchema = z
  .object({
    /** The earlier period (by the end of its period). */
    before: periodSummary,
    after: periodSummary,
    /** Every criterion of either period, in the catalogue's order. */
    criteria: z.array(compared(z.enum(CRITERION_STATUSES))),
    /** Every control of either period, by id. */
    controls: z.array(compared(z.enum(CONTROL_CONCLUSIONS))),
    /** The overall opinion forecast of each period. */
    opinion: z.object({ before: z.enum(OPINION_KINDS), after: z.enum(OPINION_KINDS), change }),
  })
  .meta({ id: 'PeriodComparison' });

export const afterRemediationSchema = z
  .object({
    /** The opinion forecast if every control whose finding is closed by a passing retest operated as its retest found. */
    opinion: opinionSchema,
    /** The period's own opinion forecast: remediation never changes it. */
    current: opinionSchema,
    /** The controls whose test the forecast takes from a closed finding's retest. */
    controls: z.array(
      z.object({
        control: z.string(),
        finding: z.string(),
        retest: z.string(),
        before: z.enum(CONTROL_CONCLUSIONS),
        after: z.enum(CONTROL_CONCLUSIONS),
      }),
    ),
    result: examinationResultSchema,
  })
  .meta({ id: 'ForecastAfterRemediation' });

export type ReExamination = z.input<typeof reExaminationBody>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type AfterRemediation = z.infer<typeof afterRemediationSchema>;
