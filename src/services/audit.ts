/**
 * The audit events services write, typed, in the same transaction as the change they describe.
 * The store chains their hashes; `assay verify` recomputes the chain.
 */
import type { AuditRepository } from '../store/audit-repository.js';
import type { Trx } from '../store/values.js';
import { describeActor, type Actor } from './actor.js';

export const AUDIT_EVENT_TYPES = [
  'organization.created',
  'organization.updated',
  'member.added',
  'member.role_changed',
  'member.removed',
  'user.created',
  'user.password_changed',
  'user.password_reset_issued',
  'user.password_reset',
  'user.deactivated',
  'user.reactivated',
  'user.instance_admin_changed',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'session.created',
  'session.ended',
  'session.ended_everywhere',
  'token.created',
  'token.revoked',
  'engagement.created',
  'engagement.updated',
  // `engagement.removed` and `control.removed`: deletions from before archiving; older logs hold them.
  'engagement.removed',
  'engagement.imported',
  'engagement.archived',
  'engagement.restored',
  'engagement.purged',
  'control.created',
  'control.updated',
  'control.removed',
  'control.archived',
  'control.restored',
  'control.purged',
  'test.recorded',
  'test.removed',
  'population.recorded',
  'sample.added',
  'sample.recorded',
  'finding.created',
  'finding.reopened',
  'finding.forecast_updated',
  'finding.transitioned',
  'finding.actions_updated',
  'finding.retested',
  'finding.root_cause_set',
  'finding.imported',
  'oscal.imported',
  'remediation.plan_updated',
  'remediation.reminders_sent',
  'finding.overridden',
  'management_response.drafted',
  'management_response.edited',
  'management_response.approved',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

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
