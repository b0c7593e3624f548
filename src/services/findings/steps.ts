/**
 * Who took each step of a finding's lifecycle, read from the audit log: the finding keeps its steps, the log who
 * took them (domain steps-taken.ts matches the two). Readable by everyone who reads findings, unlike the log as a
 * whole: only the finding's own status changes are read, with who made them.
 */
import {
  NotFoundError,
  actorFromText,
  isoDate,
  stepsTaken,
  type Finding,
  type FindingStatus,
  type RecordedActor,
  type RecordedStep,
  type StepTaken,
} from '../../domain/index.js';
import { MAX_PAGE_SIZE } from '../../domain/limits.js';
import type { AuditEvent } from '../../store/audit-repository.js';
import type { Actor } from '../platform/actor.js';
import type { FindingsDependencies, FindingsWork } from './work.js';

type Payload = { status?: FindingStatus; reason?: string | null; history?: Finding['history'] } | null;

/** The status change an event recorded, if it recorded one. */
function recordedStep(event: AuditEvent): RecordedStep<RecordedActor | null> | null {
  const before = event.before as Payload;
  const after = event.after as Payload;
  const by = event.actorDetail ?? actorFromText(event.actor);
  switch (event.type) {
    case 'finding.created': {
      const first = after?.history?.[0];
      return first ? { ...first, by } : null;
    }
    case 'finding.transitioned':
      // The step is dated the day it was taken, by the same clock as the event.
      if (!before?.status || !after?.status) return null;
      return { from: before.status, to: after.status, reason: after.reason ?? null, on: isoDate(new Date(event.occurredAt)), by };
    case 'finding.reopened':
      // Dated with the end of the period that showed the deficiency again, not the day of the event.
      if (!before?.status || !after?.status) return null;
      return { from: before.status, to: after.status, reason: after.reason ?? null, on: null, by };
    default:
      return null;
  }
}

export function createFindingSteps({ findings, auditEvents, lookup, access, clock }: FindingsDependencies, { current }: Pick<FindingsWork, 'current'>) {
  return {
    /** The finding's history, oldest first, each step with who took it (null where the log does not say). */
    async steps(actor: Actor, organizationId: string, engagementId: string, code: string): Promise<StepTaken<RecordedActor | null>[]> {
      await access.require(actor, organizationId, 'finding.read');
      await lookup.engagement(organizationId, engagementId);
      const found = await findings.findByCode(engagementId, code);
      if (!found) throw new NotFoundError(`Finding ${code}`);
      const finding = current(found, isoDate(clock()));
      // Newest first from the log; a finding's events are few (its work, not its samples), the page caps the cost.
      const events = await auditEvents.list({ limit: MAX_PAGE_SIZE, offset: 0, organizationId, subject: `finding:${engagementId}/${code}` });
      const recorded = events.items
        .slice()
        .reverse()
        .flatMap((event) => recordedStep(event) ?? []);
      return stepsTaken(finding.history, recorded);
    },
  };
}
