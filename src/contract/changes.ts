/**
 * "What changed since last week" over HTTP. Beside the examination's other schemas but in its own module: it
 * takes the comparison's shape from the periods' schemas, which themselves build on the examination's.
 */
import { z } from 'zod';
import { DEFAULT_SINCE_DAYS, MAX_SINCE_DAYS } from '../domain/index.js';
import { comparisonSchema } from './periods.js';
import { historyPointSchema } from './examination.js';

export const changesQuery = z.strictObject({
  /** How many days back the baseline is looked for. */
  sinceDays: z.coerce.number().int().min(1).max(MAX_SINCE_DAYS).default(DEFAULT_SINCE_DAYS),
});

export const changesSchema = z
  .object({
    latest: historyPointSchema,
    /** The newest result at least `sinceDays` older than the latest, else the oldest kept; null when none is. */
    baseline: historyPointSchema.nullable(),
    /** Whether the baseline is at least `sinceDays` older than the latest. */
    fullPeriod: z.boolean(),
    /** Only the criteria and controls whose status or conclusion changed, and the opinion; null without a baseline. */
    comparison: comparisonSchema.pick({ criteria: true, controls: true, opinion: true }).nullable(),
  })
  .meta({ id: 'ExaminationChanges' });

export type ExaminationChanges = z.infer<typeof changesSchema>;
