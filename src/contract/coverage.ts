/**
 * Period coverage over HTTP: for each periodic control, the occurrences the period requires and the evidence
 * covering each (docs/coverage.md). Read only: coverage changes as evidence is added.
 */
import { z } from 'zod';
import { FREQUENCIES, OCCURRENCE_STATUSES, REPORT_TYPES } from '../domain/index.js';

const occurrenceSchema = z.object({
  /** `2026-Q1`, `2026-03`, `2026-H1`, `2026`, a day, or the window's dates `from/to`. */
  label: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(OCCURRENCE_STATUSES),
  /** The ids of the evidence whose covered period overlaps the window. */
  evidence: z.array(z.string()),
});

const controlCoverageFields = {
  control: z.string(),
  title: z.string(),
  frequency: z.enum(FREQUENCIES),
  /** Whether the control's frequency owes occurrences over a period (event-driven and automated ones do not). */
  periodic: z.boolean(),
  /** Whether any evidence for the control states a covered period: only then is a window without evidence missing. */
  tracked: z.boolean(),
  occurrences: z.array(occurrenceSchema),
  /** The labels of the occurrences without evidence, each a deviation in the examination. */
  missing: z.array(z.string()),
};

const period = {
  reportType: z.enum(REPORT_TYPES),
  periodStart: z.string().nullable(),
  periodEnd: z.string(),
};

export const engagementCoverageSchema = z
  .object({ ...period, controls: z.array(z.object(controlCoverageFields)) })
  .meta({ id: 'EngagementCoverage' });

/** A piece of evidence as a control's calendar links to it. */
const coveringEvidenceSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  coversFrom: z.string().nullable(),
  coversTo: z.string().nullable(),
});

export const controlCoverageSchema = z
  .object({ ...period, ...controlCoverageFields, evidenceRecords: z.array(coveringEvidenceSchema) })
  .meta({ id: 'ControlCoverage' });

export type EngagementCoverage = z.infer<typeof engagementCoverageSchema>;
export type ControlCoverageView = z.infer<typeof controlCoverageSchema>;
