/**
 * Engagements over HTTP. The shapes are checked here (types, enumerations, lengths, real dates; unknown fields
 * refused); the rules that span fields (criteria known and in the chosen categories, the period's order) are
 * the service's, so the command line gets them too.
 */
import { z } from 'zod';
import { ARCHIVED_FILTERS, CATEGORIES, DEFAULT_PERVASIVENESS, DEFAULT_SAMPLING, REPORT_TYPES } from '../domain/index.js';
import { MAX_CRITERION_ID_LENGTH, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_PERVASIVE_SERIES, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { date, idParam, text, version } from './fields.js';
import { organizationParams } from './organizations.js';
import { pageQuery, paged } from './paging.js';

export const engagementParams = organizationParams.extend({ engagementId: idParam });

const rate = z.number().gt(0).lt(1);
const criterionId = z.string().min(1).max(MAX_CRITERION_ID_LENGTH);

const notApplicableItem = z.strictObject({ criterion: criterionId, reason: text(MAX_TEXT_LENGTH) });
const misstatementItem = z.strictObject({ text: text(MAX_TEXT_LENGTH), pervasive: z.boolean().default(false) });
const samplingFields = { confidence: rate, tolerableRate: rate };
const pervasivenessFields = { minSeries: z.number().int().min(1).max(MAX_PERVASIVE_SERIES), minShare: z.number().gt(0).max(1) };

export const engagementSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    system: z.string(),
    reportType: z.enum(REPORT_TYPES),
    /** Type 2 only: the first day of the period. */
    periodStart: z.string().nullable(),
    /** Type 2: the last day of the period; type 1: the "as of" date. */
    periodEnd: z.string(),
    categories: z.array(z.enum(CATEGORIES)),
    notApplicable: z.array(z.object({ criterion: z.string(), reason: z.string() })),
    sampling: z.object({ confidence: z.number(), tolerableRate: z.number() }),
    pervasiveness: z.object({ minSeries: z.number().int(), minShare: z.number() }),
    misstatements: z.array(z.object({ text: z.string(), pervasive: z.boolean() })),
    createdAt: z.string(),
    /** Send it back to change or delete the engagement (a stale one gets 409). */
    version: z.number().int(),
    /** Counts every change to what the engine reads: settings, controls, tests, samples. */
    revision: z.number().int(),
    /** The previous period's engagement this one re-examines; null for a first period. */
    previousEngagementId: z.string().nullable(),
    /** Since when the engagement is archived (read-only until an admin restores it); null while in use. */
    archivedAt: z.string().nullable(),
  })
  .meta({ id: 'Engagement' });

export const engagementList = paged(engagementSchema);

/** Which rows a list gives: those in use (`exclude`, the default), all (`include`), or only the archived. */
export const archivedQuery = z.enum(ARCHIVED_FILTERS).optional();

export const engagementQuery = pageQuery.extend({
  reportType: z.enum(REPORT_TYPES).optional(),
  /** Text in the name or the system. */
  q: z.string().max(MAX_NAME_LENGTH).optional(),
  archived: archivedQuery,
});

export const createEngagementBody = z.strictObject({
  name: text(MAX_NAME_LENGTH),
  system: text(MAX_NAME_LENGTH),
  reportType: z.enum(REPORT_TYPES),
  periodStart: date.nullable().default(null),
  periodEnd: date,
  /** Security is always in; the others are added to it. */
  categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length * 2).default(['security']),
  notApplicable: z.array(notApplicableItem).max(MAX_LIST_LENGTH).default([]),
  sampling: z
    .strictObject({
      confidence: samplingFields.confidence.default(DEFAULT_SAMPLING.confidence),
      tolerableRate: samplingFields.tolerableRate.default(DEFAULT_SAMPLING.tolerableRate),
    })
    .default(DEFAULT_SAMPLING),
  pervasiveness: z
    .strictObject({
      minSeries: pervasivenessFields.minSeries.default(DEFAULT_PERVASIVENESS.minSeries),
      minShare: pervasivenessFields.minShare.default(DEFAULT_PERVASIVENESS.minShare),
    })
    .default(DEFAULT_PERVASIVENESS),
  misstatements: z.array(misstatementItem).max(MAX_LIST_LENGTH).default([]),
});

/** Fields given are changed; `sampling` and `pervasiveness` may give one of their two values. */
export const updateEngagementBody = z.strictObject({
  version,
  name: text(MAX_NAME_LENGTH).optional(),
  system: text(MAX_NAME_LENGTH).optional(),
  reportType: z.enum(REPORT_TYPES).optional(),
  periodStart: date.nullable().optional(),
  periodEnd: date.optional(),
  categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length * 2).optional(),
  notApplicable: z.array(notApplicableItem).max(MAX_LIST_LENGTH).optional(),
  sampling: z.strictObject({ confidence: rate.optional(), tolerableRate: rate.optional() }).optional(),
  pervasiveness: z
    .strictObject({ minSeries: pervasivenessFields.minSeries.optional(), minShare: pervasivenessFields.minShare.optional() })
    .optional(),
  misstatements: z.array(misstatementItem).max(MAX_LIST_LENGTH).optional(),
});

/** The expected version of what is restored or purged (a stale one gets 409, nothing changed). */
export const versionBody = z.strictObject({ version });

/** What a purge removed, and the size of the record its audit event keeps. */
export const purgedSchema = z
  .object({
    /** The audit log's subject of the purged engagement or control: its events, `…purged` last, stay there. */
    subject: z.string(),
    recordBytes: z.number().int(),
  })
  .meta({ id: 'Purged' });

export type Engagement = z.infer<typeof engagementSchema>;
/** What changing an engagement sends besides its version: the fields given are changed. */
export type EngagementChanges = Omit<z.input<typeof updateEngagementBody>, 'version'>;
