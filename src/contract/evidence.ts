/**
 * The evidence store: records of the files provided for an engagement (their bytes are downloaded apart), the
 * list's filters, and what an upload states beside its files (multipart form fields, sent before the files).
 */
import { z } from 'zod';
import { EVIDENCE_SOURCES, EVIDENCE_STATES } from '../domain/index.js';
import { MAX_CONTROL_ID_LENGTH, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { engagementParams } from './engagements.js';
import { date, idParam, text } from './fields.js';
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
