/**
 * Management responses: one per finding, for the report's "other information" section. Drafted from
 * the finding's data, edited by people, approved by a second person (four eyes: src/domain/findings/
 * management-response.ts). Written by the organisation only (response.write: an owner for findings on its
 * controls); every change is at the response's version and audited in its transaction.
 */
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  approveResponse,
  draftManagementResponse,
  editResponse,
  type ResponseText,
} from '../../domain/index.js';
import type { FindingsRepository, StoredFinding } from '../../store/findings-repository.js';
import type { ManagementResponsesRepository, StoredManagementResponse } from '../../store/management-responses-repository.js';
import { staleOrMissing, toTimestamp, type Executor, type Trx } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { ownsFinding, signatureOf } from './work.js';
import { at, type EngagementScope } from '../engagements/engagement-scope.js';

export function createManagementResponsesService(deps: {
  db: Executor;
  findings: Pick<FindingsRepository, 'findByCode' | 'findRootCause'>;
  responses: Pick<ManagementResponsesRepository, 'find' | 'create' | 'update'>;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
}) {
  const { db, findings, responses, lookup, access, audit, clock } = deps;
  const subject = (engagementId: string, code: string) => `finding:${engagementId}/${code}`;

  async function findingOf(engagementId: string, code: string, trx?: Executor): Promise<StoredFinding> {
    const finding = await findings.findByCode(engagementId, code, trx);
    if (!finding) throw new NotFoundError(`Finding ${code}`);
    return finding;
  }

  /** The finding, its engagement locked, after checking the actor may write its response (an owner: its own controls). */
  async function forWriting(actor: Actor, organizationId: string, engagementId: string, code: string, trx: Trx) {
    await lookup.engagementForChange(organizationId, engagementId, trx);
    const finding = await findingOf(engagementId, code, trx);
    await access.require(actor, organizationId, 'response.write', await ownsFinding(lookup, actor, organizationId, engagementId, finding, trx), trx);
    return finding;
  }

  /** The response to change, at the caller's version (none yet: NotFoundError; stale: ConflictError). */
  async function existing(engagementId: string, code: string, version: number, trx: Trx): Promise<StoredManagementResponse> {
    const response = await responses.find(engagementId, code, trx);
    if (!response) throw new NotFoundError(`The management response of ${code}`);
    if (response.version !== version) throw staleOrMissing(`The management response of ${code}`, version, response.version);
    return response;
  }

  async function record(
    trx: Trx,
    actor: Actor,
    organizationId: string,
    engagementId: string,
    type: 'management_response.drafted' | 'management_response.edited' | 'management_response.approved',
    before: StoredManagementResponse | null,
    after: StoredManagementResponse,
  ) {
    await audit.record(trx, actor, { type, organizationId, subject: subject(engagementId, after.finding), ...(before && { before }), after });
    return after;
  }

  return {
    /** The finding's response; null while none is drafted (an unknown finding: NotFoundError). */
    async get(actor: Actor, organizationId: string, engagementId: string, code: string): Promise<StoredManagementResponse | null> {
      await access.require(actor, organizationId, 'finding.read');
      await lookup.engagement(organizationId, engagementId);
      await findingOf(engagementId, code);
      return responses.find(engagementId, code);
    },

    /**
     * Drafts the four texts from the finding's data (its deviations, root cause, corrective actions, retest). A
     * response that exists already is redrafted at its `version`: its text replaced and back to draft.
     */
    async draft(actor: Actor, organizationId: string, engagementId: string, code: string, version?: number): Promise<StoredManagementResponse> {
      await access.require(actor, organizationId, 'finding.read');
      return db.transaction().execute(async (trx) => {
        const finding = await forWriting(actor, organizationId, engagementId, code, trx);
        const rootCause = finding.rootCause === null ? null : await findings.findRootCause(engagementId, finding.rootCause, trx);
        const text = draftManagementResponse(finding, rootCause);
        const by = signatureOf(actor);
        const on = toTimestamp(clock());
        const before = await responses.find(engagementId, code, trx);
        if (!before) {
          const created = await responses.create(
            engagementId,
            { finding: code, ...text, status: 'draft', editedBy: by, editedOn: on, approvedBy: null, approvedOn: null },
            trx,
          );
          return record(trx, actor, organizationId, engagementId, 'management_response.drafted', null, created);
        }
        if (version === undefined) {
          throw new ValidationError([{ location: at('version'), message: `the response exists (version ${before.version}): send its version to redraft it` }], 'The response cannot be drafted');
        }
        const current = await existing(engagementId, code, version, trx);
        const saved = await responses.update(engagementId, version, editResponse(current, text, by, on), trx);
        return record(trx, actor, organizationId, engagementId, 'management_response.drafted', current, saved);
      });
    },

    /** Replaces the four texts at `version`; an approved response edited is a draft again, to be approved anew. */
    async edit(actor: Actor, organizationId: string, engagementId: string, code: string, version: number, text: ResponseText): Promise<StoredManagementResponse> {
      await access.require(actor, organizationId, 'finding.read');
      return db.transaction().execute(async (trx) => {
        await forWriting(actor, organizationId, engagementId, code, trx);
        const before = await existing(engagementId, code, version, trx);
        const saved = await responses.update(engagementId, version, editResponse(before, text, signatureOf(actor), toTimestamp(clock())), trx);
        return record(trx, actor, organizationId, engagementId, 'management_response.edited', before, saved);
      });
    },

    /** Approves the response at `version`: refused (ConflictError) to the person who last edited it, or when approved already. */
    async approve(actor: Actor, organizationId: string, engagementId: string, code: string, version: number): Promise<StoredManagementResponse> {
      await access.require(actor, organizationId, 'response.approve');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        await findingOf(engagementId, code, trx);
        const before = await existing(engagementId, code, version, trx);
        const outcome = approveResponse(before, signatureOf(actor), toTimestamp(clock()));
        if (!outcome.ok) throw new ConflictError(`The management response of ${code} cannot be approved: ${outcome.reasons.join(' ')}`);
        const saved = await responses.update(engagementId, version, outcome.response, trx);
        return record(trx, actor, organizationId, engagementId, 'management_response.approved', before, saved);
      });
    },
  };
}

export type ManagementResponsesService = ReturnType<typeof createManagementResponsesService>;
