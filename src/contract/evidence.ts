/**
 * The evidence store: records of the files provided for an engagement (their bytes are downloaded apart), the
 * list's filters, and what an upload states beside its files (multipart form fields, sent before the files).
 */
import { z } from 'zod';
import { EVIDENCE_SOURCES, EVIDENCE_STATES, REQUEST_STATUSES } from '../domain/index.js';
import { MAX_CONTROL_ID_LENGTH, MAX_LIST_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { engagementParams } from './engagements.js';
import { date, idParam, text, version } from './fields.js';
import { pageQuery, paged } from './paging.js';

export const evidenceParams = engagementParams.extend({ evidenceId: idParam });

export const evidenceSchema = z
  .object({
    id: z.string(),
    /** SHA-256 of the bytes (hex): identical files share it, and `assay verify` checks the bytes against it. */
    sha256: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    size: z.number().int(),
    /** The controls (their ids) it is evidence for. */
    controls: z.array(z.string()),
    coversFrom: z.string().nullable(),
    coversTo: z.string().nullable(),
    collectedAt: z.string(),
    collectedBy: z.string(),
    source: z.enum(EVIDENCE_SOURCES),
    supersededBy: z.string().nullable(),
    deletedAt: z.string().nullable(),
    deletedBy: z.string().nullable(),
    deletionReason: z.string().nullable(),
    /** The period it covers (or the day it was collected) reaches outside the engagement's period. */
    outsidePeriod: z.boolean(),
    state: z.enum(EVIDENCE_STATES),
    /** Send it back to supersede or delete (a stale one gets 409). */
    version: z.number().int(),
  })
  .meta({ id: 'Evidence' });

export const evidenceList = paged(evidenceSchema);
export const evidenceAdded = z.object({ evidence: z.array(evidenceSchema) });

export const evidenceQuery = pageQuery.extend({
  control: z.string().min(1).max(MAX_CONTROL_ID_LENGTH).optional(),
  /** Evidence whose period overlaps these dates. */
  from: date.optional(),
  to: date.optional(),
  /** What stands (default), what was superseded or deleted, or all of it. */
  state: z.enum([...EVIDENCE_STATES, 'all']).optional(),
});

/** A record's bytes as a download, sent with the media type it was stored with. */
export const evidenceContent = {
  description: 'The file exactly as stored (Content-Disposition: attachment, X-Content-Type-Options: nosniff)',
  content: { 'application/octet-stream': { schema: z.string().describe('The bytes whose SHA-256 is the record’s') } },
};

/** Deleting a record: at its version, saying why. */
export const evidenceDeletionQuery = z.strictObject({
  version: z.coerce.number().int().min(1),
  reason: text(MAX_TEXT_LENGTH).optional(),
});

/** The multipart fields of an upload, read before its files: the controls (repeated or comma-separated) and the period. */
export const EVIDENCE_UPLOAD_FIELDS = ['controls', 'coversFrom', 'coversTo', 'version'] as const;

export type Evidence = z.infer<typeof evidenceSchema>;
export type EvidenceQuery = z.input<typeof evidenceQuery>;

export const requestParams = engagementParams.extend({ requestId: idParam });

export const evidenceRequestSchema = z
  .object({
    id: z.string(),
    /** The request's id in the auditor's list, e.g. `PBC-12`. */
    code: z.string(),
    item: z.string(),
    control: z.string().nullable(),
    dueOn: z.string(),
    owner: z.string().nullable(),
    status: z.enum(REQUEST_STATUSES),
    comment: z.string().nullable(),
    returnReason: z.string().nullable(),
    /** The evidence records the answer gives. */
    evidence: z.array(z.string()),
    requestedBy: z.string(),
    requestedAt: z.string(),
    answeredBy: z.string().nullable(),
    answeredAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'EvidenceRequest' });

export const requestBoardSchema = z.object({ today: z.string(), requests: z.array(evidenceRequestSchema) }).meta({ id: 'EvidenceRequestBoard' });

export const askRequestBody = z.strictObject({
  code: z.string().trim().min(1).max(MAX_CONTROL_ID_LENGTH),
  item: text(MAX_TEXT_LENGTH),
  control: z.string().trim().max(MAX_CONTROL_ID_LENGTH).nullable().optional(),
  /** Today or later. */
  dueOn: date,
  owner: z.string().trim().max(MAX_OWNER_LENGTH).nullable().optional(),
});

export const answerRequestBody = z.strictObject({
  version,
  /** Ids of standing evidence records of the engagement. */
  evidence: z.array(idParam).max(MAX_LIST_LENGTH),
  comment: z.string().max(MAX_TEXT_LENGTH).nullable().optional(),
});

export const decideRequestBody = z.strictObject({
  version,
  decision: z.enum(['accept', 'return']),
  /** Why the answer is returned (required then). */
  reason: z.string().max(MAX_TEXT_LENGTH).nullable().optional(),
});

export const requestsImported = z.object({ created: z.array(z.string()), updated: z.array(z.string()) });

export const requestsCsvDocument = {
  description: 'The request list as CSV: ID, Request, Control, Due date, Owner, Status, Comment',
  content: { 'text/csv': { schema: z.string() } },
};

export type EvidenceRequestBody = z.infer<typeof evidenceRequestSchema>;
export type RequestBoardBody = z.infer<typeof requestBoardSchema>;
export type AskRequestInput = z.input<typeof askRequestBody>;
