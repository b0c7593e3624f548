/**
 * The audit log as people read it (`audit.read`: admin, compliance, auditor): an organisation's events newest
 * first, and the history of one control.
 *
 * The services write the control's events with the subject `control:<row id>` and those of its test and
 * samples with `test:<row id of the test>`. Row ids never leave the server, so a control's history is asked
 * for by the control's id in its engagement and its subjects are found here. A test deleted and recorded
 * again is a new row: the history shows the events of the control and of the test it has now.
 */
import { actorFromText, NotFoundError, type RecordedActor } from '../../domain/index.js';
import type { AuditEvent, AuditRepository } from '../../store/audit-repository.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import type { Page, Paged } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditEventType } from '../platform/audit.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';

/**
 * An event as people read it: who acted, whole (`by`); for events recorded before the log kept the actor whole,
 * read from their words (null when the words are of no known form; `actor` still has them).
 */
export type ReadAuditEvent = Omit<AuditEvent, 'actorDetail'> & { by: RecordedActor | null };

function asRead({ actorDetail, ...event }: AuditEvent): ReadAuditEvent {
  return { ...event, by: actorDetail ?? actorFromText(event.actor) };
}

function pageAsRead(page: Paged<AuditEvent>): Paged<ReadAuditEvent> {
  return { ...page, items: page.items.map(asRead) };
}

export interface AuditFilters {
  type?: AuditEventType;
  /** What the events happened to, as the services write it, e.g. `engagement:<id>`. */
  subject?: string;
}

export function createAuditService(deps: {
  audit: Pick<AuditRepository, 'list' | 'findBySeq'>;
  controls: Pick<ControlsRepository, 'findTestOverview'>;
  lookup: EngagementScope;
  access: Access;
}) {
  const { audit, controls, lookup, access } = deps;

  return {
    /** The organisation's events, newest first, optionally of one type or subject. */
    async list(actor: Actor, organizationId: string, page: Page & AuditFilters): Promise<Paged<ReadAuditEvent>> {
      await access.require(actor, organizationId, 'audit.read');
      const { limit, offset, type, subject } = page;
      return pageAsRead(
        await audit.list({
          limit,
          offset,
          organizationId,
          ...(type !== undefined && { type }),
          ...(subject !== undefined && { subject }),
        }),
      );
    },

    /** One event of the organisation, with its payload whatever its size; another organisation's is not found. */
    async get(actor: Actor, organizationId: string, seq: number): Promise<ReadAuditEvent> {
      await access.require(actor, organizationId, 'audit.read');
      const event = await audit.findBySeq(seq);
      if (!event || event.organizationId !== organizationId) throw new NotFoundError(`Audit event ${seq}`);
      return asRead(event);
    },

    /** A control's events and those of its test and samples, newest first, optionally of one type. */
    async controlHistory(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      controlId: string,
      page: Page & Pick<AuditFilters, 'type'>,
    ): Promise<Paged<ReadAuditEvent>> {
      await access.require(actor, organizationId, 'audit.read');
      const control = await lookup.control(organizationId, engagementId, controlId);
      const test = await controls.findTestOverview(control.rowId);
      const { limit, offset, type } = page;
      return pageAsRead(
        await audit.list({
          limit,
          offset,
          organizationId,
          subject: [`control:${control.rowId}`, ...(test ? [`test:${test.rowId}`] : [])],
          ...(type !== undefined && { type }),
        }),
      );
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
