/**
 * Evidence requests, the auditor's "provided by client" list (src/domain/evidence/requests.ts): the auditor asks
 * (one at a time or a CSV list), the organisation answers with evidence of the store or a comment, the auditor
 * accepts the answer or returns it with a reason. Asking and deciding are `request.ask`; answering is
 * `request.answer` (an owner for the requests it is named on or whose control it owns). Each step is at the
 * request's version, with its audit event in the same transaction.
 */
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  answerProblems,
  boardOrder,
  isoDate,
  jsonPath,
  locateProblems,
  ownedBy,
  readRequestsCsv,
  requestProblems,
  writeRequestsCsv,
  REQUEST_STEPS,
  type EvidenceRequest,
  type RequestInput,
  type RequestStatus,
} from '../../domain/index.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import type { EvidenceRepository } from '../../store/evidence-repository.js';
import type { EvidenceRequestsRepository } from '../../store/evidence-requests-repository.js';
import type { Executor, Trx } from '../../store/values.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Access } from '../platform/access.js';
import { describeActor, personOf, type Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';

/** The board: every request, overdue first, then by due date, as of `today`. */
export interface RequestBoard {
  today: string;
  requests: EvidenceRequest[];
}

export function createRequestsService(deps: {
  db: Executor;
  requests: EvidenceRequestsRepository;
  evidence: Pick<EvidenceRepository, 'findById'>;
  controls: Pick<ControlsRepository, 'findByCode'>;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
}) {
  const { db, requests, evidence, controls, lookup, access, audit, clock } = deps;
  const today = () => isoDate(clock());

  /** The control's row id, or a problem at `at` when the engagement has no such control. */
  async function controlRow(engagementId: string, code: string | null | undefined, location: string, trx: Executor): Promise<string | null> {
    if (!code) return null;
    const found = await controls.findByCode(engagementId, code, trx);
    if (!found) throw new ValidationError([{ location, message: `the engagement has no control ${code}` }], 'The request names a control the engagement does not have');
    return found.rowId;
  }

  async function requestOf(engagementId: string, id: string, trx: Executor): Promise<EvidenceRequest> {
    const found = await requests.findById(engagementId, id, trx);
    if (!found) throw new NotFoundError(`Request ${id}`);
    return found;
  }

  function requireStep(request: EvidenceRequest, step: keyof typeof REQUEST_STEPS): void {
    if (!(REQUEST_STEPS[step] as readonly RequestStatus[]).includes(request.status)) {
      throw new ConflictError(`Request ${request.code} is ${request.status}: it can be ${step === 'answer' ? 'answered' : 'decided'} only when ${REQUEST_STEPS[step].join(' or ')}`);
    }
  }

  /** Runs a step on a request in one transaction, recording the event the step names. */
  async function step(
    actor: Actor,
    organizationId: string,
    engagementId: string,
    id: string,
    work: (trx: Trx, before: EvidenceRequest) => Promise<{ type: 'evidence_request.answered' | 'evidence_request.accepted' | 'evidence_request.returned'; after: EvidenceRequest }>,
  ): Promise<EvidenceRequest> {
    return db.transaction().execute(async (trx) => {
      await lookup.engagementForChange(organizationId, engagementId, trx);
      const before = await requestOf(engagementId, id, trx);
      const { type, after } = await work(trx, before);
      await audit.record(trx, actor, { type, organizationId, subject: `evidence_request:${id}`, before, after });
      return after;
    });
  }

  return {
    async board(actor: Actor, organizationId: string, engagementId: string): Promise<RequestBoard> {
      await access.require(actor, organizationId, 'engagement.read');
      await lookup.engagement(organizationId, engagementId);
      const day = today();
      return { today: day, requests: boardOrder(await requests.list(engagementId), day) };
    },

    /** Asks for an item; a due date before today is refused (422 at `$.dueOn`). */
    async ask(actor: Actor, organizationId: string, engagementId: string, input: RequestInput): Promise<EvidenceRequest> {
      await access.require(actor, organizationId, 'request.ask');
      const issues = locateProblems(requestProblems(input, today()), jsonPath);
      if (issues.length > 0) throw new ValidationError(issues, 'The request cannot be made');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const created = await requests.create(
          engagementId,
          {
            code: input.code.trim(),
            item: input.item.trim(),
            controlRowId: await controlRow(engagementId, input.control?.trim(), '$.control', trx),
            dueOn: input.dueOn,
            owner: input.owner?.trim() || null,
            requestedBy: describeActor(actor),
          },
          trx,
        );
        await audit.record(trx, actor, { type: 'evidence_request.created', organizationId, subject: `evidence_request:${created.id}`, after: created });
        return created;
      });
    },

    /**
     * Brings in the auditor's list, all or nothing: a new id is a new request (due today or later), a known one
     * changes its request, item, control, due date and owner while it is open. Problems name `file:line (Column)`.
     */
    async importCsv(actor: Actor, organizationId: string, engagementId: string, text: string, file = 'requests.csv'): Promise<{ created: string[]; updated: string[] }> {
      await access.require(actor, organizationId, 'request.ask');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const existing = new Map((await requests.list(engagementId, trx)).map((r) => [r.code, r]));
        const { rows, issues } = readRequestsCsv(text, file, today(), new Set(existing.keys()));
        for (const row of rows) {
          const known = existing.get(row.code);
          if (known && known.status !== 'open') issues.push({ location: `${file}:${row.line} (ID)`, message: `${row.code} is ${known.status} already: only an open request changes` });
          if (row.control && !(await controls.findByCode(engagementId, row.control, trx))) issues.push({ location: `${file}:${row.line} (Control)`, message: `the engagement has no control ${row.control}` });
        }
        if (issues.length > 0) throw new ValidationError(issues, 'The request list cannot be imported');
        if (rows.length === 0) throw new ValidationError([{ location: file, message: 'no request in the list' }], 'The request list cannot be imported');
        const result = { created: [] as string[], updated: [] as string[] };
        for (const row of rows) {
          const fields = { item: row.item, controlRowId: await controlRow(engagementId, row.control, `${file}:${row.line} (Control)`, trx), dueOn: row.dueOn, owner: row.owner ?? null };
          const known = existing.get(row.code);
          if (known) {
            await requests.change(engagementId, known.id, known.version, { item: fields.item, control_id: fields.controlRowId, due_on: fields.dueOn, owner: fields.owner }, trx);
            result.updated.push(row.code);
          } else {
            await requests.create(engagementId, { code: row.code, ...fields, requestedBy: describeActor(actor) }, trx);
            result.created.push(row.code);
          }
        }
        await audit.record(trx, actor, { type: 'evidence_request.imported', organizationId, subject: `engagement:${engagementId}`, after: result });
        return result;
      });
    },

    /** The list as CSV, in the board's order. */
    async exportCsv(actor: Actor, organizationId: string, engagementId: string): Promise<string> {
      return writeRequestsCsv((await this.board(actor, organizationId, engagementId)).requests);
    },

    /** Answers an open or returned request with evidence of the engagement (standing records) and a comment. */
    async answer(actor: Actor, organizationId: string, engagementId: string, id: string, expectedVersion: number, input: { evidence: string[]; comment?: string | null }): Promise<EvidenceRequest> {
      const comment = input.comment?.trim() || null;
      const ids = [...new Set(input.evidence)];
      const issues = locateProblems(answerProblems({ evidence: ids, comment }), jsonPath);
      if (issues.length > 0) throw new ValidationError(issues, 'The answer is not valid');
      return step(actor, organizationId, engagementId, id, async (trx, before) => {
        const person = personOf(actor);
        const control = before.control === null ? null : await controls.findByCode(engagementId, before.control, trx);
        const owns = person !== null && ((before.owner !== null && ownedBy({ owner: before.owner }, person.email)) || (control !== null && ownedBy(control, person.email)));
        await access.require(actor, organizationId, 'request.answer', owns, trx);
        requireStep(before, 'answer');
        for (const [index, evidenceId] of ids.entries()) {
          const record = await evidence.findById(engagementId, evidenceId, trx);
          if (!record || record.state !== 'current') {
            throw new ValidationError([{ location: `$.evidence[${index}]`, message: `no evidence ${evidenceId} that stands in this engagement` }], 'The answer is not valid');
          }
        }
        const after = await requests.change(engagementId, id, expectedVersion, { status: 'answered', comment, evidence: ids, answered_by: describeActor(actor), stamp: 'answered_at' }, trx);
        return { type: 'evidence_request.answered', after };
      });
    },

    /** The auditor's decision on an answer: accepted, or returned with the reason (required). */
    async decide(actor: Actor, organizationId: string, engagementId: string, id: string, expectedVersion: number, input: { decision: 'accept' | 'return'; reason?: string | null }): Promise<EvidenceRequest> {
      await access.require(actor, organizationId, 'request.ask');
      const reason = input.reason?.trim() || null;
      if (input.decision === 'return' && reason === null) throw new ValidationError([{ location: '$.reason', message: 'say why the answer is returned' }], 'The answer cannot be returned');
      return step(actor, organizationId, engagementId, id, async (trx, before) => {
        requireStep(before, input.decision);
        const accepted = input.decision === 'accept';
        const after = await requests.change(
          engagementId,
          id,
          expectedVersion,
          { status: accepted ? 'accepted' : 'returned', return_reason: accepted ? before.returnReason : reason, decided_by: describeActor(actor), stamp: 'decided_at' },
          trx,
        );
        return { type: accepted ? 'evidence_request.accepted' : 'evidence_request.returned', after };
      });
    },
  };
}

export type RequestsService = ReturnType<typeof createRequestsService>;
