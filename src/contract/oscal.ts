/** OSCAL documents over the API: the exports are OSCAL 1.1.3 JSON (NIST's schema, not restated here). */
import { z } from 'zod';

/** A document's one model, described for the OpenAPI document; the body is sent as the exporter made it. */
const oscalDocument = (model: string) =>
  z
    .object({ [model]: z.record(z.string(), z.unknown()) })
    .describe(`An OSCAL 1.1.3 ${model} document (JSON), as \`assay examine DIR --format ${model === 'assessment-results' ? 'oscal-ar' : 'oscal-poam'}\` prints it`);

export const assessmentResultsDocument = oscalDocument('assessment-results');
export const poamDocument = oscalDocument('plan-of-action-and-milestones');

/**
 * Any JSON: the importer itself says what is wrong with a document that is not OSCAL assessment results or a
 * POA&M, naming each problem's JSON path (422), which a schema here would only say less well.
 */
export const oscalImportBody = z.unknown().describe('An OSCAL 1.1.3 assessment-results or plan-of-action-and-milestones document (JSON)');

export const oscalImportResult = z.object({
  created: z.array(z.string()).describe('Codes of the findings created, in the document\'s order'),
  rootCauses: z.array(z.string()).describe('Codes of the root causes the document brought (an Assay POA&M carries them)'),
  warnings: z.array(z.string()).describe('What could not be carried over as it stood: the first 100'),
  warningCount: z.number().int().describe('How many warnings there were in all'),
});

export type OscalImportOutcome = z.infer<typeof oscalImportResult>;
