/**
 * The audit log over HTTP. `before` and `after` are the states the services recorded (plain JSON; no secret is
 * ever in them: the repositories never select password or token hashes).
 */
import { z } from 'zod';
import { AUDIT_EVENT_TYPES } from '../domain/index.js';
import { MAX_AUDIT_SUBJECT_LENGTH } from '../domain/limits.js';
import { organizationParams } from './organizations.js';
import { pageQuery, paged } from './paging.js';

/**
 * Who acted, whole: a person, a person's API token (its work is theirs), or the operator at the command line.
 * Events recorded before the log kept the actor whole give what their words say: no person's id, and for the
 * oldest tokens no e-mail either.
 */
export const auditActorSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('user'), userId: z.string().nullable(), email: z.string() }),
    z.object({ kind: z.literal('token'), tokenId: z.string(), name: z.string(), userId: z.string().nullable(), email: z.string().nullable() }),
    z.object({ kind: z.literal('operator') }),
  ])
  .meta({ id: 'AuditActor' });

export const auditEventSchema = z
  .object({
    /** The event's place in the hash chain: later events have larger numbers. */
    seq: z.number().int(),
    occurredAt: z.string(),
    /** Who did it in words: `user:<email>`, `user:<email> via token:<name> (<id>)` (older events: `token:<name> (<id>)`) or `operator:cli`. */
    actor: z.string(),
    /** Who did it, whole; null only for words of no known form. */
    by: auditActorSchema.nullable(),
    type: z.string(),
    /** What it happened to: `<kind>:<id>`, e.g. `engagement:<id>`. */
    subject: z.string(),
    /** The state before the change (null for a creation). */
    before: z.unknown(),
    /** The state after the change (null for a removal). */
    after: z.unknown(),
    /**
     * True when `before` and `after` were too large to list with the page's other events (a purge keeps a whole
     * engagement in its event): they are null here, and `GET …/audit-events/{seq}` gives the event whole.
     */
    payloadOmitted: z.boolean().optional(),
  })
  .meta({ id: 'AuditEvent' });

export const auditEventParams = organizationParams.extend({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export const auditEventList = paged(auditEventSchema);

const typeFilter = z.enum(AUDIT_EVENT_TYPES).optional();

export const auditQuery = pageQuery.extend({
  /** Events of this type, e.g. `control.updated`. */
  type: typeFilter,
  /** Events about this subject, exactly as the events name it. */
  subject: z.string().min(1).max(MAX_AUDIT_SUBJECT_LENGTH).optional(),
});

export const controlHistoryQuery = pageQuery.extend({ type: typeFilter });

const chainPoint = z.object({
  /** The event's place in the chain (every organisation's events share one chain). */
  seq: z.number().int(),
  /** Its SHA-256 (hex), which chains every event before it. */
  hash: z.string(),
});

/**
 * The installation's chain head and latest signed checkpoint: what an auditor notes outside the system, to check
 * later with `assay verify --expect-head SEQ:HASH`. Numbers and hashes only: no event of another organisation.
 */
export const auditHeadSchema = z
  .object({
    head: chainPoint.nullable(),
    checkpoint: chainPoint
      .extend({
        createdAt: z.string(),
        /** Which key signed it (`assay checkpoint public-key` prints the key). */
        keyId: z.string(),
        /** Ed25519, base64, over the canonical JSON of { statement: "assay audit checkpoint", seq, hash, createdAt }. */
        signature: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'AuditHead' });

export type AuditEvent = z.infer<typeof auditEventSchema>;
