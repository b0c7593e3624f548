/**
 * `description.yaml` (docs/system-description.md) as a zod schema: the wording of a description the plain judge
 * (schema-fast.ts) refuses, and the reader of commands that load zod anyway.
 */
import { z } from 'zod';
import { COMPONENT_KINDS, SUBSERVICE_METHODS, type SystemDescription } from '../domain/description/model.js';
import type { Examination } from '../domain/engagement.js';
import { judgeDescription, type DescriptionShape } from './description.js';
import { isoDate } from './schema.js';
import { fastDescriptionFile } from './schema-fast.js';
import { check } from './validate.js';
import { parseYaml } from './yaml-source.js';

const text = z.string().trim().min(1, { message: 'must not be empty' });
// Prose sections may be left empty: the completeness warnings say so, they are not an error.
const prose = z.string().trim().default('');
const criteria = z.array(text).default([]);
const complementary = z.strictObject({ text, criteria });

export const descriptionFileSchema = z.strictObject({
  services: prose,
  commitments: z.array(text).default([]),
  components: z.strictObject(Object.fromEntries(COMPONENT_KINDS.map((kind) => [kind, prose]))).default({}),
  incidents: z.array(z.strictObject({ finding: text.optional(), date: isoDate.optional(), text })).default([]),
  changes: z.array(text).default([]),
  subserviceOrganizations: z
    .array(z.strictObject({ name: text, services: text, method: z.enum(SUBSERVICE_METHODS), csocs: z.array(complementary).default([]) }))
    .default([]),
  userEntityControls: z.array(complementary).default([]),
});
export type DescriptionFile = z.output<typeof descriptionFileSchema>;

/** The plain judge first, as it is the faster; zod for a description it refuses, to word the problems. */
export const descriptionShape: DescriptionShape = (source, raw, issues) => fastDescriptionFile(raw) ?? check(source, raw, descriptionFileSchema, issues);

/** The description in a file's text, judged against its examination and the codes of its findings (description.ts). */
export function parseDescription(file: string, textOfFile: string, examination: Examination, findingCodes: ReadonlySet<string>): SystemDescription {
  return judgeDescription(parseYaml(file, textOfFile), examination, findingCodes, descriptionShape);
}
