/**
 * The audit log over HTTP. `before` and `after` are the states the services recorded (plain JSON; no secret is
 * ever in them: the repositories never select password or token hashes).
 */
import { z } from 'zod';
import { AUDIT_EVENT_TYPES } from '../domain/index.js';
import { MAX_AUDIT_SUBJECT_LENGTH } from '../domain/limits.js';
import { pageQuery, paged } from './paging.js';

export const auditEventSchema = z
  .object({
    /** The event's place in the hash chain: later events have larger numbers. */
    seq: z.number().int(),
    occurredAt: z.string(),
    /** Who did it: `user:<email>`, `user:<email> via token:<name> (<id>)` (older events: `token:<name> (<id>)`) or `operator:cli`. */
    actor: z.string(),
    type: z.string(),
    /** What it happened to: `<kind>:<id>`, e.g. `engagement:<id>`. */
    subject: z.string(),
    /** The state before the change (null for a creation). */
    before: z.unknown(),
    /** The state after the change (null for a removal). */
    after: z.unknown(),
  })
  .meta({ id: 'AuditEvent' });

export const auditEventList = paged(auditEventSchema);

const typeFilter = z.enum(AUDIT_EVENT_TYPES).optional();

export const auditQuery = pageQuery.extend({
  /** Events of this type, e.g. `control.updated`. */
  type: typeFilter,
  /** Events about this subject, exactly as the events name it. */
  subject: z.string().min(1).max(MAX_AUDIT_SUBJECT_LENGTH).optional(),
});

export const controlHistoryQuery = pageQuery.extend({ type: typeFilter });

export type AuditEvent = z.infer<typeof auditEventSchema>;
