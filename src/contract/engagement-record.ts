/**
 * An engagement's whole record, as `GET …/export` gives it and a purge writes it into the audit log. Every part is
 * declared: the serializer keeps only what the schema names. Records of `assay-engagement-record/1`, written by
 * purges before, have no `description`, `risks`, `vendors` or `evidence`.
 */
import { z } from 'zod';
import { systemDescriptionSchema } from './description.js';
import { engagementSchema } from './engagements.js';
import { evidenceSchema } from './evidence.js';
import { riskSchema } from './risks.js';
import { vendorReportSchema, vendorSchema } from './vendors.js';

const descriptionVersionSchema = z
  .object({ description: systemDescriptionSchema, updatedAt: z.string(), updatedBy: z.string(), version: z.number().int() })
  .meta({ id: 'DescriptionVersion' });

/** A risk as the store keeps it: the assessment is left out, it is worked out from the controls whenever read. */
const recordedRiskSchema = riskSchema.omit({ assessment: true, flags: true }).meta({ id: 'RecordedRisk' });

export const engagementRecordSchema = z
  .object({
    format: z.literal('assay-engagement-record/2'),
    engagement: engagementSchema,
    workspace: z
      .object({
        engagement: z.unknown(),
        controls: z.array(z.unknown()),
        tests: z.array(z.unknown()),
        findings: z.array(z.unknown()),
        rootCauses: z.array(z.unknown()),
        managementResponses: z.array(z.unknown()),
        checkFiles: z.array(z.object({ fileName: z.string(), checkId: z.string(), title: z.string(), definition: z.string() })),
      })
      .describe('The examination in use with its findings, root causes, management responses and monitoring checks, as `assay export` writes it'),
    archivedControls: z.array(z.object({ control: z.unknown(), test: z.unknown() })).describe('Each archived control with its test and samples'),
    remediationPlan: z.unknown().describe("The corrective action plan, its webhook's origin only"),
    description: z.array(descriptionVersionSchema).describe('Every version of the system description, oldest first, with who wrote it and when; empty when none was recorded'),
    risks: z.array(recordedRiskSchema).describe('The risk register, as recorded'),
    vendors: z
      .array(z.object({ vendor: vendorSchema, reports: z.array(vendorReportSchema) }))
      .describe('The vendors, each with every SOC 2 report recorded for it (who recorded it, when)'),
    evidence: z.array(evidenceSchema).describe('Every evidence record, superseded and deleted ones too: each file by its hash, name, type and size, not its bytes'),
  })
  .meta({ id: 'EngagementRecord' });
