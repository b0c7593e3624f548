/**
 * Controls, their tests and samples over HTTP. The shapes are checked here (unknown fields refused, lengths
 * bounded); the rules that need the engagement (criteria known, compensated controls present, samples within
 * the population, no item twice) are the services'.
 */
import { z } from 'zod';
import { CONTROL_CONCLUSIONS, DESIGN_ASSESSMENTS, FREQUENCIES, NATURES, ROLES, SAMPLE_RESULTS, TEST_CHANGES, TEST_METHODS } from '../domain/index.js';
import { MAX_CONTROL_ID_LENGTH, MAX_CRITERION_ID_LENGTH, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_OWNER_LENGTH, MAX_POPULATION_SIZE, MAX_SAMPLE_ITEM_LENGTH, MAX_SAMPLES_PER_REQUEST, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { archivedQuery, engagementParams } from './engagements.js';
import { text, version } from './fields.js';
import { pageQuery, paged } from './paging.js';

/** `controlId` is the control's id in the engagement (e.g. AC-04), URL-encoded. */
export const controlParams = engagementParams.extend({ controlId: z.string().min(1).max(MAX_CONTROL_ID_LENGTH) });
export const sampleParams = controlParams.extend({ item: z.string().min(1).max(MAX_SAMPLE_ITEM_LENGTH) });

export const controlSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    criteria: z.array(z.string()),
    frequency: z.enum(FREQUENCIES),
    nature: z.enum(NATURES),
    key: z.boolean(),
    design: z.enum(DESIGN_ASSESSMENTS),
    compensates: z.array(z.string()),
    owner: z.string().nullable(),
    /** Send it back to change or archive the control (a stale one gets 409). */
    version: z.number().int(),
    /** Since when the control is archived (read-only, out of the examination); null while in use. */
    archivedAt: z.string().nullable(),
  })
  .meta({ id: 'Control' });

export const listedControlSchema = controlSchema
  .extend({
    /** The engine's conclusion in the engagement's current state (null for a control added since, or archived). */
    conclusion: z.enum(CONTROL_CONCLUSIONS).nullable(),
  })
  .meta({ id: 'ListedControl' });

export const controlList = paged(listedControlSchema);

export const controlQuery = pageQuery.extend({
  /** Controls that address this criterion, e.g. CC6.1. */
  criterion: z.string().min(1).max(MAX_CRITERION_ID_LENGTH).optional(),
  /** Controls of this owner. */
  owner: z.string().min(1).max(MAX_OWNER_LENGTH).optional(),
  /** Text in the id or title. */
  q: z.string().max(MAX_NAME_LENGTH).optional(),
  /** Controls the engine concludes so. */
  conclusion: z.enum(CONTROL_CONCLUSIONS).optional(),
  /** Controls in use (`exclude`, the default), all (`include`), or only the archived. */
  archived: archivedQuery,
});

const controlId = text(MAX_CONTROL_ID_LENGTH);
const criteria = z.array(z.string().min(1).max(MAX_CRITERION_ID_LENGTH)).min(1, { message: 'must list at least one criterion' }).max(MAX_LIST_LENGTH);
const compensates = z.array(controlId).max(MAX_LIST_LENGTH);
const owner = text(MAX_OWNER_LENGTH).nullable();

export const createControlBody = z.strictObject({
  id: controlId,
  title: text(MAX_TEXT_LENGTH),
  criteria,
  frequency: z.enum(FREQUENCIES),
  nature: z.enum(NATURES),
  key: z.boolean().default(true),
  design: z.enum(DESIGN_ASSESSMENTS).default('effective'),
  compensates: compensates.default([]),
  owner: owner.default(null),
});

/** Fields given are changed; the id is not (tests and other controls refer to it). */
export const updateControlBody = z.strictObject({
  version,
  title: text(MAX_TEXT_LENGTH).optional(),
  criteria: criteria.optional(),
  frequency: z.enum(FREQUENCIES).optional(),
  nature: z.enum(NATURES).optional(),
  key: z.boolean().optional(),
  design: z.enum(DESIGN_ASSESSMENTS).optional(),
  compensates: compensates.optional(),
  owner: owner.optional(),
});

const sampleFields = {
  item: text(MAX_SAMPLE_ITEM_LENGTH),
  result: z.enum(SAMPLE_RESULTS),
  note: text(MAX_TEXT_LENGTH).nullable(),
};

export const sampleSchema = z.object({ item: z.string(), result: z.enum(SAMPLE_RESULTS), note: z.string().nullable() }).meta({ id: 'Sample' });

export const testSchema = z
  .object({
    /** The control's id. */
    control: z.string(),
    method: z.enum(TEST_METHODS),
    populationSize: z.number().int().nullable(),
    scopeLimitation: z.string().nullable(),
    /** The samples with a recorded result: the only ones counted as tested. */
    samples: z.array(sampleSchema),
    /** Items selected for the test whose result is not recorded yet: not samples, never counted as tested. */
    untested: z.array(z.string()),
    /**
     * The role that recorded each sample's result, by item, where it is known: once the auditor has, only the
     * auditor (or an admin, with a reason) may change it.
     */
    recordedBy: z.record(z.string(), z.enum(ROLES)),
    /** Send it back to replace or delete the test (a stale one gets 409); samples' changes bump it. */
    version: z.number().int(),
  })
  .meta({ id: 'ControlTest' });

export const recordedSampleSchema = z
  .object({
    control: z.string(),
    item: z.string(),
    result: z.enum(SAMPLE_RESULTS),
    note: z.string().nullable(),
    /** The role that recorded the result (null when not known). */
    recordedBy: z.enum(ROLES).nullable(),
    /** The test's version after the change. */
    testVersion: z.number().int(),
  })
  .meta({ id: 'RecordedSample' });

/** The organisation's part of a test (evidence.manage): its population, or why it could not be produced. */
const evidenceFields = {
  populationSize: z.number().int().min(0).max(MAX_POPULATION_SIZE).nullable().default(null),
  /** Why the control could not be tested (population or evidence not produced). */
  scopeLimitation: text(MAX_TEXT_LENGTH).nullable().default(null),
};

export const putTestBody = z.strictObject({
  /** The version of the test being replaced; leave it out when the control has none. */
  version: version.optional(),
  method: z.enum(TEST_METHODS),
  ...evidenceFields,
  samples: z
    .array(z.strictObject({ ...sampleFields, note: sampleFields.note.default(null) }))
    .max(MAX_SAMPLES_PER_REQUEST)
    .default([]),
  /** Items selected but not yet tested (their results are recorded later, one sample at a time). */
  untested: z.array(text(MAX_SAMPLE_ITEM_LENGTH)).max(MAX_SAMPLES_PER_REQUEST).default([]),
  /**
   * How the test recorded over the control's current one: `keep` (default) keeps every recorded result and
   * untested item, adding the new ones; `replace` replaces a test that holds no recorded result (409 when it
   * holds any); `new-version` starts a new test version, with a `reason`, and keeps the current test in the
   * control's history. A change that would lose evidence it does not allow gets 409 naming what would be lost.
   */
  change: z.enum(TEST_CHANGES).default('keep'),
  /** Why a new test version is started (required with `new-version`). */
  reason: text(MAX_TEXT_LENGTH).nullable().default(null),
});

/** The population alone, keeping the test's method and samples. */
export const putPopulationBody = z.strictObject({
  /** The version of the test (a stale one gets 409). */
  version,
  ...evidenceFields,
});

export const addSampleBody = z.strictObject({
  /** When given, the sample is added only if the test is still at this version. */
  version: version.optional(),
  ...sampleFields,
  /** What deviated: required when the result is fail. */
  note: sampleFields.note.default(null),
});

export const updateSampleBody = z
  .strictObject({
    version: version.optional(),
    result: sampleFields.result.optional(),
    /** What deviated: required while the result is fail. */
    note: sampleFields.note.optional(),
    /** Why a recorded result changes (required then; 422 at `$.reason` without it): kept in the audit event. */
    reason: text(MAX_TEXT_LENGTH).nullable().default(null),
  })
  .refine((body) => body.result !== undefined || body.note !== undefined, {
    message: 'give the result or the note to record',
    path: ['result'],
  });

export type Control = z.infer<typeof controlSchema>;
export type ListedControl = z.infer<typeof listedControlSchema>;
/** What creating a control sends. */
export type ControlInput = z.input<typeof createControlBody>;
/** What changing a control sends besides its version: the fields given are changed; the id never is. */
export type ControlChanges = Omit<z.input<typeof updateControlBody>, 'version'>;
export type Sample = z.infer<typeof sampleSchema>;
export type ControlTest = z.infer<typeof testSchema>;
export type RecordedSample = z.infer<typeof recordedSampleSchema>;
/** What recording a test sends: the whole test, and the version of the one it replaces (none for a new test). */
export type TestInput = z.input<typeof putTestBody>;
/** The organisation's part of a test (evidence.manage): its population, or why it could not be produced. */
export type TestEvidence = Omit<z.infer<typeof putPopulationBody>, 'version'>;
export type NewSample = z.input<typeof addSampleBody>;
export type SampleChanges = z.input<typeof updateSampleBody>;
