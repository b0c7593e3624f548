/**
 * `assay verify`: recomputes the audit log's hash chain and names the first event that does not verify.
 * The chain is one for the whole database (every tenant), so only the installation's operator checks it.
 */
import { ForbiddenError } from '../domain/index.js';
import type { AuditRepository, ChainBreak } from '../store/audit-repository.js';
import type { Actor } from './actor.js';

export interface ChainReport {
  /** How many events the log holds. */
  events: number;
  /** The first event that does not verify, as it reads now; null when the chain is whole. */
  firstBreak: (ChainBreak & { type: string | null; subject: string | null; occurredAt: string | null; why: string }) | null;
}

const WHY: Record<ChainBreak['reason'], string> = {
  altered: 'its contents no longer match its hash: the event was changed after it was written',
  relinked:
    'its link to the previous event does not match: an event before it was deleted or inserted, or rewritten with a new hash',
};

export function createIntegrityService(deps: { audit: Pick<AuditRepository, 'inspectChain' | 'findBySeq' | 'list'> }) {
  const { audit } = deps;
  return {
    async verifyAuditChain(actor: Actor): Promise<ChainReport> {
      if (actor.kind !== 'operator') throw new ForbiddenError('The audit chain spans every organisation: only the operator verifies it');
      const found = await audit.inspectChain();
      const events = (await audit.list({ limit: 1, offset: 0 })).total;
      if (found === null) return { events, firstBreak: null };
      const event = await audit.findBySeq(found.seq);
      return {
        events,
        firstBreak: {
          ...found,
          type: event?.type ?? null,
          subject: event?.subject ?? null,
          occurredAt: event?.occurredAt ?? null,
          why: WHY[found.reason],
        },
      };
    },
  };
}

export type IntegrityService = ReturnType<typeof createIntegrityService>;
