/**
 * Report sections over the API: the "other information" section as Markdown, and which responses it holds; the
 * documents of an engagement as jobs (asked for, followed, downloaded).
 */
import { z } from 'zod';
import { DOCUMENT_FORMATS, DOCUMENT_TYPES, REPORT_JOB_STATUSES } from '../domain/reports/documents.js';
import { engagementParams } from './engagements.js';
import { date, idParam } from './fields.js';

/** The section as a Markdown download (declared by content type, so the OpenAPI document says what is sent). */
export const otherInformationDocument = {
  description: 'The Markdown document: one subsection per exception whose management response is approved; drafts counted in a note',
  content: {
    'text/markdown': {
      schema: z.string().describe('Markdown (CommonMark)'),
    },
  },
};

export const otherInformationSummary = z.object({
  approved: z.array(z.string()).describe('Codes of the findings whose approved response the section gives, in code order'),
  drafts: z.array(z.string()).describe('Codes of the findings whose response is still a draft, left out of the section'),
  fileName: z.string().describe('The name the download is saved under'),
});

export type OtherInformationSummary = z.infer<typeof otherInformationSummary>;

/** A document asked for: which, in which format, and for the bridge letter the date it speaks up to. */
export const reportJobRequest = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  format: z.enum(DOCUMENT_FORMATS),
  to: date.nullable().optional().describe("The bridge letter's end, YYYY-MM-DD (default: the day it is generated); only for the bridge letter"),
});

export const reportJobSchema = z.object({
  id: z.string(),
  type: z.enum(DOCUMENT_TYPES),
  format: z.enum(DOCUMENT_FORMATS),
  bridgeTo: z.string().nullable(),
  status: z.enum(REPORT_JOB_STATUSES),
  progress: z.number().min(0).max(1).describe('Share done, 0 to 1'),
  error: z.string().nullable().describe('Why a failed job failed'),
  fileName: z.string().nullable().describe('What the download is called, once done'),
  size: z.number().nullable().describe('Bytes, once done'),
  requestedBy: z.string(),
  requestedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const reportJobList = z.object({ items: z.array(reportJobSchema) });

export const reportJobParams = engagementParams.extend({ jobId: idParam });

/** A done job's document as a download, with the content type of its format. */
export const reportJobFile = {
  description: 'The document (Content-Disposition: attachment), as application/pdf, text/html, text/markdown or the XLSX type',
  content: { 'application/octet-stream': { schema: z.string().describe('The document’s bytes') } },
};

export type ReportJob = z.infer<typeof reportJobSchema>;
export type ReportJobRequest = z.input<typeof reportJobRequest>;
