/**
 * Findings over HTTP. The shapes are checked here (unknown fields refused, enumerations, lengths,
 * real dates); the lifecycle's rules are the domain's, applied by the findings service.
 */
import { z } from 'zod';
import { ACTION_STATUSES, CONTROL_CONCLUSIONS, FAILURE_KINDS, FINDING_SOURCES, FINDING_STATUSES, MANUAL_FINDING_SOURCES, MAX_RESPONSE_TEXT_LENGTH, RESPONSE_STATUSES, ROOT_CAUSE_CATEGORIES, SAMPLE_RESULTS, SEVERITIES, TEST_METHODS, VERIFICATION_RESULTS } from '../domain/index.js';
import { MAX_CONTROL_ID_LENGTH, MAX_ID_LENGTH, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_OWNER_LENGTH, MAX_POPULATION_SIZE, MAX_SAMPLE_ITEM_LENGTH, MAX_SAMPLES_PER_REQUEST, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { auditActorSchema } from './audit.js';
import { sampleSchema } from './controls.js';
import { engagementParams } from './engagements.js';
import { date, text, version } from './fields.js';
import { pageQuery, paged } from './paging.js';

const code = text(MAX_CONTROL_ID_LENGTH);

/** `findingCode` is the finding's code in the engagement (e.g. F-AC-04), URL-encoded. */
export const findingParams = engagementParams.extend({ findingCode: z.string().min(1).max(MAX_ID_LENGTH) });

export const findingQuery = pageQuery.extend({
  status: z.enum(FINDING_STATUSES).optional(),
  /** Findings on this control, e.g. AC-04. */
  control: z.string().min(1).max(MAX_CONTROL_ID_LENGTH).optional(),
});

const verificationSchema = z.object({
  step: z.string(),
  by: z.string().nullable(),
  on: z.string().nullable(),
  result: z.enum(VERIFICATION_RESULTS).nullable(),
  note: z.string().nullable(),
});

const correctiveActionSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    owner: z.string().nullable(),
    due: z.string().nullable(),
    status: z.enum(ACTION_STATUSES),
    completedOn: z.string().nullable(),
    evidence: z.array(z.string()),
    verification: verificationSchema.nullable(),
  })
  .meta({ id: 'CorrectiveAction' });

const retestSchema = z
  .object({
    id: z.string(),
    control: z.string(),
    date: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    method: z.enum(TEST_METHODS),
    populationSize: z.number().int().nullable(),
    samples: z.array(sampleSchema),
    /** The engine's conclusion on the retest's samples. */
    conclusion: z.enum(CONTROL_CONCLUSIONS).nullable(),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'Retest' });

export const findingSchema = z
  .object({
    /** The finding's code, e.g. F-AC-04: stable, so deriving again adds nothing twice. */
    code: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    source: z.enum(FINDING_SOURCES),
    control: z.string().nullable(),
    criteria: z.array(z.string()),
    /** The engine's forecast, with the auditor's override (and its reason) beside it. */
    classification: z.object({
      kind: z.enum(FAILURE_KINDS),
      severity: z.enum(SEVERITIES),
      pervasive: z.boolean(),
      reasons: z.array(z.string()),
      override: z
        .object({
          severity: z.enum(SEVERITIES).nullable(),
          pervasive: z.boolean().nullable(),
          reason: z.string(),
          by: z.string().nullable(),
          on: z.string().nullable(),
        })
        .nullable(),
    }),
    status: z.enum(FINDING_STATUSES),
    identifiedOn: z.string().nullable(),
    /** The failed samples behind it (its deviations), as found: remediation never erases a deviation. */
    failedSamples: z.array(z.object({ item: z.string(), note: z.string().nullable() })),
    /** The code of its root cause. */
    rootCause: z.string().nullable(),
    correctiveActions: z.array(correctiveActionSchema),
    retests: z.array(retestSchema),
    riskAcceptance: z
      .object({ approver: z.string(), reason: z.string(), expires: z.string(), acceptedOn: z.string().nullable() })
      .nullable(),
    falsePositiveReason: z.string().nullable(),
    history: z.array(
      z.object({ on: z.string(), from: z.enum(FINDING_STATUSES).nullable(), to: z.enum(FINDING_STATUSES), reason: z.string().nullable() }),
    ),
    /** Marked a significant incident the system description must disclose; absent when not marked. */
    significantIncident: z.boolean().optional(),
    createdAt: z.string(),
    /** Send it back to change the finding (a stale one gets 409). */
    version: z.number().int(),
  })
  .meta({ id: 'Finding' });

export const findingList = paged(findingSchema);

/** The finding's lifecycle steps, oldest first, each with who took it (null: imported, or lapsed on its own). */
export const findingStepsSchema = z.array(findingSchema.shape.history.element.extend({ by: auditActorSchema.nullable() })).meta({ id: 'FindingSteps' });

export const syncResult = z.object({
  created: z.array(z.string()),
  reopened: z.array(z.string()),
  findings: z.array(findingSchema),
});

export const transitionBody = z.strictObject({
  version,
  to: z.enum(FINDING_STATUSES),
  reason: text(MAX_TEXT_LENGTH).nullable().optional(),
  riskAcceptance: z
    .strictObject({ approver: text(MAX_OWNER_LENGTH), reason: text(MAX_TEXT_LENGTH), expires: date })
    .optional(),
  falsePositiveReason: text(MAX_TEXT_LENGTH).optional(),
});

export const correctiveActionsBody = z.strictObject({
  version,
  actions: z
    .array(
      z.strictObject({
        id: code,
        title: text(MAX_TEXT_LENGTH),
        owner: text(MAX_OWNER_LENGTH).nullable(),
        due: date.nullable(),
        status: z.enum(ACTION_STATUSES),
        completedOn: date.nullable().default(null),
        evidence: z.array(text(MAX_NAME_LENGTH)).max(MAX_LIST_LENGTH).default([]),
        verification: z
          .strictObject({
            step: text(MAX_TEXT_LENGTH),
            by: text(MAX_OWNER_LENGTH).nullable().default(null),
            on: date.nullable().default(null),
            result: z.enum(VERIFICATION_RESULTS).nullable().default(null),
            note: text(MAX_TEXT_LENGTH).nullable().default(null),
          })
          .nullable()
          .default(null),
      }),
    )
    .max(MAX_LIST_LENGTH),
  /** The person's reason for keeping a due date earlier than the finding's identification (else refused at that date). */
  dueBeforeIdentifiedReason: text(MAX_TEXT_LENGTH).optional(),
});

export const retestBody = z.strictObject({
  version,
  id: code.optional(),
  control: code.optional(),
  date,
  periodStart: date,
  periodEnd: date,
  method: z.enum(TEST_METHODS),
  populationSize: z.number().int().min(0).max(MAX_POPULATION_SIZE).nullable(),
  samples: z
    .array(
      z.strictObject({
        item: text(MAX_SAMPLE_ITEM_LENGTH),
        result: z.enum(SAMPLE_RESULTS),
        note: text(MAX_TEXT_LENGTH).nullable().default(null),
      }),
    )
    .max(MAX_SAMPLES_PER_REQUEST),
});

export const rootCauseBody = z.strictObject({
  version,
  /**
   * The version of the root cause under this code as read (from the root-cause list), to rewrite its text: it is
   * shared by every finding traced to it, so a stale one is a 409. Not needed for a new code, nor to trace the
   * finding to an existing cause as it stands.
   */
  rootCauseVersion: version.optional(),
  /** The root cause's code in the engagement (e.g. RC-1); findings that name the same code share it. */
  id: code,
  title: text(MAX_TEXT_LENGTH),
  category: z.enum(ROOT_CAUSE_CATEGORIES),
  /** The 5-whys chain, from the symptom down to the cause. */
  whys: z.array(text(MAX_TEXT_LENGTH)).min(1, { message: 'give at least one why' }).max(MAX_LIST_LENGTH),
});

/** A finding from a control's deficiency in the current examination, or one recorded by hand with its classification. */
export const createFindingBody = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('deficiency'), control: code }),
  z.strictObject({
    source: z.enum(MANUAL_FINDING_SOURCES),
    /** Defaults to the next F-<n>. */
    code: code.optional(),
    title: text(MAX_TEXT_LENGTH),
    description: text(MAX_TEXT_LENGTH).nullable().optional(),
    control: code.nullable().optional(),
    /** Defaults to the control's criteria in scope. */
    criteria: z.array(z.string().min(1).max(MAX_CONTROL_ID_LENGTH)).max(MAX_LIST_LENGTH).optional(),
    kind: z.enum(FAILURE_KINDS),
    severity: z.enum(SEVERITIES),
    pervasive: z.boolean().optional(),
    identifiedOn: date.optional(),
    failedSamples: z
      .array(z.strictObject({ item: text(MAX_SAMPLE_ITEM_LENGTH), note: text(MAX_TEXT_LENGTH).nullable().default(null) }))
      .max(MAX_SAMPLES_PER_REQUEST)
      .optional(),
  }),
]);

/** The auditor's judgment: severity and/or pervasiveness (null: the forecast stands), always with its reason. */
export const overrideBody = z.strictObject({
  version,
  severity: z.enum(SEVERITIES).nullable(),
  pervasive: z.boolean().nullable(),
  reason: text(MAX_TEXT_LENGTH),
});

const rootCauseFields = {
  id: z.string(),
  title: z.string(),
  category: z.enum(ROOT_CAUSE_CATEGORIES),
  /** The 5-whys chain, from the symptom down to the cause. */
  whys: z.array(z.string()),
};

const rootCauseWithFindings = z.object({
  ...rootCauseFields,
  /** Send it back as `rootCauseVersion` to rewrite the cause. */
  version: z.number().int(),
  /** Codes of the findings traced to it. */
  findings: z.array(z.string()),
});

export const rootCauseList = paged(rootCauseWithFindings);

/** A root cause written on its own, for findings to be traced to later; its code defaults to the next RC-<n>. */
export const createRootCauseBody = rootCauseBody.omit({ version: true, rootCauseVersion: true }).extend({ id: code.optional() });
export const createdRootCause = rootCauseWithFindings;

export const systemicCauseList = paged(
  z
    .object({
      rootCause: z.object(rootCauseFields),
      findings: z.array(z.string()),
      criteria: z.array(z.string()),
      controls: z.array(z.string()),
      /** Shared by more than one finding. */
      systemic: z.boolean(),
    })
    .meta({ id: 'SystemicCause' }),
);

const responseText = text(MAX_RESPONSE_TEXT_LENGTH);

export const managementResponseSchema = z
  .object({
    /** The finding's code. */
    finding: z.string(),
    whatHappened: z.string(),
    rootCause: z.string(),
    correctiveAction: z.string(),
    remediatedOn: z.string().nullable(),
    status: z.enum(RESPONSE_STATUSES),
    /** Who last drafted or edited it: the one person who may not approve it (four eyes). */
    editedBy: z.string().nullable(),
    editedOn: z.string(),
    approvedBy: z.string().nullable(),
    approvedOn: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'ManagementResponse' });

/** Redrafting a response that exists needs its version; the first draft needs none. */
export const draftBody = z.strictObject({ version: version.optional() });

export const responseBody = z.strictObject({
  version,
  whatHappened: responseText,
  rootCause: responseText,
  correctiveAction: responseText,
  remediatedOn: date.nullable(),
});

export const approveBody = z.strictObject({ version });

export type Finding = z.infer<typeof findingSchema>;
export type FindingStep = z.infer<typeof findingStepsSchema>[number];
export type CorrectiveAction = Finding['correctiveActions'][number];
export type Retest = Finding['retests'][number];
export type SyncResult = z.infer<typeof syncResult>;
/** What creating a finding sends: the engine's for a control's deficiency, or one written by hand. */
export type NewFinding = z.input<typeof createFindingBody>;
/** One step of the lifecycle, besides the version. */
export type TransitionInput = Omit<z.input<typeof transitionBody>, 'version'>;
export type CorrectiveActionsInput = z.input<typeof correctiveActionsBody>;
export type RetestInput = Omit<z.input<typeof retestBody>, 'version'>;
export type RootCauseInput = Omit<z.input<typeof rootCauseBody>, 'version' | 'rootCauseVersion'>;
export type NewRootCause = z.input<typeof createRootCauseBody>;
export type OverrideInput = Omit<z.input<typeof overrideBody>, 'version'>;
export type RootCauseWithFindings = z.infer<typeof rootCauseList>['items'][number];
export type SystemicCause = z.infer<typeof systemicCauseList>['items'][number];
export type ManagementResponse = z.infer<typeof managementResponseSchema>;
/** The four texts of a management response. */
export type ResponseText = Omit<z.input<typeof responseBody>, 'version'>;
