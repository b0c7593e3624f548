/**
 * The audit events services write, typed, in the same transaction as the change they describe.
 * The store chains their hashes; `assay verify` recomputes the chain.
 */
import type { AuditRepository } from '../store/audit-repository.js';
import type { Trx } from '../store/values.js';
import type { AuditEventType } from '../domain/audit-events.js';
import { describeActor, type Actor } from './actor.js';

export { AUDIT_EVENT_TYPES, type AuditEventType } from '../domain/audit-events.js';

export interface AuditEvent {
  type: AuditEventType;
  organizationId: string | null;
  /** What it happened to: `<kind>:<id>`, e.g. `control:3f1…`. */
  subject: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditLog {
  record(trx: Trx, actor: Actor, event: AuditEvent): Promise<void>;
}

export function createAuditLog(deps: { audit: Pick<AuditRepository, 'append'> }): AuditLog {
  return {
    async record(trx, actor, event) {
      await deps.audit.append(trx, { ...event, actor: describeActor(actor) });
    },
  };
}
