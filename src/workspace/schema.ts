/**
 * The workspace format (DESIGN §4) as zod schemas: the shape of each file. Cross-file rules (unknown
 * criteria, duplicate ids, tests of unknown controls) are checked in validate.ts, where lines are known.
 */
import { z } from 'zod';
import { CATEGORIES } from '../domain/criteria/catalogue.js';
import { isRealDate } from '../domain/dates.js';
import { DESIGN_ASSESSMENTS, FREQUENCIES, NATURES, REPORT_TYPES, SAMPLE_RESULTS, TEST_METHODS } from '../domain/engagement.js';
import { MAX_OWNER_LENGTH } from '../domain/limits.js';

export { isRealDate };

/** A calendar date written YYYY-MM-DD that exists (2026-02-30 does not). */
export const isoDate = z.string().refine(isRealDate, { message: 'must be a real date written YYYY-MM-DD' });

const rate = z.number().gt(0).lt(1);
const text = z.string().trim().min(1, { message: 'must not be empty' });

export const assayFileSchema = z.strictObject({
  organization: text,
  system: text,
  report: z.strictObject({
    type: z.enum(REPORT_TYPES),
    periodStart: isoDate.optional(),
    periodEnd: isoDate,
    categories: z.array(z.enum(CATEGORIES)).default(['security']),
  }),
  notApplicable: z.record(z.string(), text).optional(),
  sampling: z
    .strictObject({
      confidence: rate.optional(),
      tolerableRate: rate.optional(),
    })
    .optional(),
  description: z
    .strictObject({
      misstatements: z.array(z.strictObject({ text, pervasive: z.boolean().default(false) })).default([]),
    })
    .optional(),
  opinion: z
    .strictObject({
      pervasive: z
        .strictObject({
          minSeries: z.number().int().min(1).optional(),
          minShare: z.number().gt(0).max(1).optional(),
        })
        .optional(),
    })
    .optional(),
});
export type AssayFile = z.infer<typeof assayFileSchema>;

export const controlFileSchema = z.strictObject({
  id: text,
  title: text,
  criteria: z.array(z.string()).min(1, { message: 'must list at least one criterion' }),
  frequency: z.enum(FREQUENCIES),
  nature: z.enum(NATURES),
  key: z.boolean().default(true),
  design: z.enum(DESIGN_ASSESSMENTS).default('effective'),
  compensates: z.array(z.string()).default([]),
  owner: text.max(MAX_OWNER_LENGTH).optional(),
});
export type ControlFile = z.infer<typeof controlFileSchema>;

export const testFileSchema = z.strictObject({
  control: text,
  method: z.enum(TEST_METHODS),
  populationSize: z.number().int().min(0).optional(),
  samples: z
    .array(
      z.strictObject({
        item: z.union([text, z.number()]).transform(String),
        result: z.enum(SAMPLE_RESULTS),
        note: z.string().optional(),
      }),
    )
    .default([]),
  scopeLimitation: text.optional(),
  /** The monitoring check the test stands on (DESIGN §8), instead of populationSize and samples. */
  check: text.optional(),
});
export type TestFile = z.infer<typeof testFileSchema>;
