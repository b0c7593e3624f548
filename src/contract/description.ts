/**
 * The system description over HTTP (docs/system-description.md): the description as management writes it, read
 * with its completeness warnings and the significant incidents found in the findings; and the mark on a finding
 * that makes it a significant incident. Prose sections may be empty (a warning says so); listed items may not.
 */
import { z } from 'zod';
import { COMPONENT_KINDS, DESCRIPTION_SECTIONS, DESCRIPTION_WARNING_KINDS, OPINION_KINDS, SUBSERVICE_METHODS, type ComponentKind } from '../domain/index.js';
import { MAX_CRITERION_ID_LENGTH, MAX_DESCRIPTION_SECTION_LENGTH, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { date, text, version } from './fields.js';
import { findingParams } from './findings.js';

const prose = z.string().trim().max(MAX_DESCRIPTION_SECTION_LENGTH);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIST_LENGTH);
const criteria = list(z.string().min(1).max(MAX_CRITERION_ID_LENGTH));

const complementaryControl = z.strictObject({ text: text(MAX_TEXT_LENGTH), criteria });

export const systemDescriptionSchema = z.strictObject({
  services: prose,
  commitments: list(text(MAX_TEXT_LENGTH)),
  components: z.strictObject(Object.fromEntries(COMPONENT_KINDS.map((kind) => [kind, prose])) as Record<ComponentKind, typeof prose>),
  incidents: list(z.strictObject({ finding: text(MAX_NAME_LENGTH).nullable(), date: date.nullable(), text: text(MAX_TEXT_LENGTH) })),
  changes: list(text(MAX_TEXT_LENGTH)),
  subserviceOrganizations: list(
    z.strictObject({ name: text(MAX_NAME_LENGTH), services: text(MAX_TEXT_LENGTH), method: z.enum(SUBSERVICE_METHODS), csocs: list(complementaryControl) }),
  ),
  userEntityControls: list(complementaryControl),
});

/** An edit: the whole description, at the version read (0 for the first). */
export const descriptionBody = z.strictObject({ version: z.number().int().min(0), description: systemDescriptionSchema });

export const descriptionView = z.object({
  /** Whether management has recorded a description: without one, the engine judges none and nothing is a misstatement. */
  recorded: z.boolean(),
  /** 0 while none is recorded. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  description: systemDescriptionSchema,
  /** DC8: the engagement's criteria not applicable, with their reasons (edited on the criteria page). */
  notApplicable: z.array(z.object({ criterion: z.string(), reason: z.string() })),
  incidents: z.array(z.object({ finding: z.string(), title: z.string(), why: z.string() })),
  warnings: z.array(z.object({ kind: z.enum(DESCRIPTION_WARNING_KINDS), section: z.enum(DESCRIPTION_SECTIONS), item: z.string().nullable(), message: z.string() })),
  /** The forecast's opinion on the description, as the engine gives it for the engagement now. */
  opinion: z.enum(OPINION_KINDS),
});

export const incidentMarkBody = z.strictObject({ version, significantIncident: z.boolean() });
export const incidentMarkParams = findingParams;
export const incidentMark = z.object({ finding: z.string(), significantIncident: z.boolean(), version: z.number().int() });

export type SystemDescriptionInput = z.infer<typeof systemDescriptionSchema>;
export type DescriptionView = z.infer<typeof descriptionView>;
export type IncidentMark = z.infer<typeof incidentMark>;
