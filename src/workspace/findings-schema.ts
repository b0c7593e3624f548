/**
 * The findings part of a workspace (docs/findings.md) as zod schemas: `findings/*.yaml`, one finding a file,
 * and `root-causes/*.yaml`, one root cause a file (shared by id). The rules that span files or need the
 * examination (unknown control, criterion or root cause; a status the lifecycle forbids) are in findings.ts.
 */
import { z } from 'zod';
import {
  ACTION_STATUSES,
  FAILURE_KINDS,
  FINDING_SOURCES,
  FINDING_STATUSES,
  MAX_RESPONSE_TEXT_LENGTH,
  RESPONSE_STATUSES,
  ROOT_CAUSE_CATEGORIES,
  SEVERITIES,
  TEST_METHODS,
  VERIFICATION_RESULTS,
  isRealDate,
} from '../domain/index.js';
import { isoDate, testFileSchema } from './schema.js';

const text = z.string().trim().min(1, { message: 'must not be empty' });
const item = z.union([text, z.number()]).transform(String);

export const rootCauseFileSchema = z.strictObject({
  id: text,
  title: text,
  category: z.enum(ROOT_CAUSE_CATEGORIES),
  /** The 5-whys chain, from the symptom to the cause. */
  whys: z.array(text).min(1, { message: 'must give at least one "why"' }),
});
export type RootCauseFile = z.infer<typeof rootCauseFileSchema>;

const overrideSchema = z.strictObject({
  severity: z.enum(SEVERITIES).optional(),
  pervasive: z.boolean().optional(),
  reason: text,
  by: text.optional(),
  on: isoDate.optional(),
});

const classificationSchema = z.strictObject({
  kind: z.enum(FAILURE_KINDS).optional(),
  severity: z.enum(SEVERITIES).optional(),
  pervasive: z.boolean().optional(),
  override: overrideSchema.optional(),
});

const actionSchema = z.strictObject({
  id: text,
  title: text,
  /** Optional only because an action imported from another tool's OSCAL may name no owner or due date. */
  owner: text.optional(),
  due: isoDate.optional(),
  status: z.enum(ACTION_STATUSES).default('planned'),
  completedOn: isoDate.optional(),
  evidence: z.array(text).default([]),
  verification: z
    .strictObject({
      step: text,
      by: text.optional(),
      on: isoDate.optional(),
      result: z.enum(VERIFICATION_RESULTS).optional(),
      note: text.optional(),
    })
    .optional(),
});

const retestSchema = z.strictObject({
  id: text.optional(),
  control: text.optional(),
  date: isoDate,
  periodStart: isoDate,
  periodEnd: isoDate,
  method: z.enum(TEST_METHODS),
  populationSize: testFileSchema.shape.populationSize,
  samples: testFileSchema.shape.samples,
});

/**
 * When a response was edited or approved: a date (`2026-07-20`, read as the start of that day, UTC) or a
 * timestamp with its zone (`2026-07-20T09:30:00Z`), kept in the store's one timestamp format (UTC, milliseconds).
 */
const moment = z
  .string()
  .refine((value) => isRealDate(value) || isTimestamp(value), { message: 'must be a date (YYYY-MM-DD) or a timestamp with its zone (YYYY-MM-DDTHH:MM:SSZ)' })
  .transform((value) => new Date(isRealDate(value) ? `${value}T00:00:00Z` : value).toISOString());

function isTimestamp(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.exec(value);
  return match !== null && isRealDate(match[1] as string);
}

const responseText = text.max(MAX_RESPONSE_TEXT_LENGTH, { message: `must be at most ${MAX_RESPONSE_TEXT_LENGTH} characters` });

/** Management's response for the report's "other information" section (docs/findings.md); the four-eyes rule is in findings.ts. */
const managementResponseSchema = z.strictObject({
  whatHappened: responseText,
  rootCause: responseText,
  correctiveAction: responseText,
  remediatedOn: isoDate.optional(),
  status: z.enum(RESPONSE_STATUSES),
  editedBy: text.optional(),
  editedOn: moment.optional(),
  approvedBy: text.optional(),
  approvedOn: moment.optional(),
});

const failedSamples = z.array(z.strictObject({ item, note: z.string().optional() }));

export const findingFileSchema = z.strictObject({
  id: text,
  title: text,
  description: text.optional(),
  source: z.enum(FINDING_SOURCES),
  control: text.optional(),
  // Empty only for a finding mapped to no criterion yet (checked with its source in findings.ts).
  criteria: z.array(z.string()).optional(),
  classification: classificationSchema.optional(),
  status: z.enum(FINDING_STATUSES).default('open'),
  identifiedOn: isoDate.optional(),
  rootCause: text.optional(),
  failedSamples: failedSamples.optional(),
  /** The older name of `failedSamples`, still read so that existing workspaces load. */
  deviations: failedSamples.optional(),
  correctiveActions: z.array(actionSchema).default([]),
  retests: z.array(retestSchema).default([]),
  riskAcceptance: z
    .strictObject({
      approver: text,
      reason: text,
      expires: isoDate,
      acceptedOn: isoDate.optional(),
    })
    .optional(),
  falsePositiveReason: text.optional(),
  /** A significant incident the system description must disclose (docs/system-description.md). */
  significantIncident: z.boolean().optional(),
  history: z
    .array(
      z.strictObject({
        on: isoDate,
        from: z.enum(FINDING_STATUSES).optional(),
        to: z.enum(FINDING_STATUSES),
        reason: text.optional(),
      }),
    )
    .default([]),
  managementResponse: managementResponseSchema.optional(),
});
export type FindingFile = z.infer<typeof findingFileSchema>;
