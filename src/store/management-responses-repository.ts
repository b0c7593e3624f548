/**
 * Management responses: one per finding, named in the domain by the finding's code in its engagement
 * (`F-AC-04`). Every change is at the response's `version` (optimistic concurrency).
 */
import type { Selectable } from 'kysely';
import { NotFoundError } from '../domain/errors.js';
import type { ManagementResponse, ResponseStatus } from '../domain/findings/index.js';
import type { ManagementResponsesTable } from './schema.js';
import { defaultDependencies, staleOrMissing, translateConstraintErrors, type Executor, type StoreDependencies } from './values.js';

export interface StoredManagementResponse extends ManagementResponse {
  version: number;
}

const columns = [
  'findings.code',
  'management_responses.what_happened',
  'management_responses.root_cause',
  'management_responses.corrective_action',
  'management_responses.remediated_on',
  'management_responses.status',
  'management_responses.edited_by',
  'management_responses.edited_on',
  'management_responses.approved_by',
  'management_responses.approved_on',
  'management_responses.version',
] as const;

type Row = Omit<Selectable<ManagementResponsesTable>, 'id' | 'finding_id'> & { code: string };

function toStored(row: Row): StoredManagementResponse {
  return {
    finding: row.code,
    whatHappened: row.what_happened,
    rootCause: row.root_cause,
    correctiveAction: row.corrective_action,
    remediatedOn: row.remediated_on,
    status: row.status as ResponseStatus,
    editedBy: row.edited_by,
    editedOn: row.edited_on,
    approvedBy: row.approved_by,
    approvedOn: row.approved_on,
    version: Number(row.version),
  };
}

function values(response: ManagementResponse) {
  return {
    what_happened: response.whatHappened,
    root_cause: response.rootCause,
    corrective_action: response.correctiveAction,
    remediated_on: response.remediatedOn,
    status: response.status,
    edited_by: response.editedBy,
    edited_on: response.editedOn,
    approved_by: response.approvedBy,
    approved_on: response.approvedOn,
  };
}

export type ManagementResponsesRepository = ReturnType<typeof createManagementResponsesRepository>;

export function createManagementResponsesRepository(db: Executor, deps: Pick<StoreDependencies, 'newId'> = defaultDependencies) {
  /** The row id of the finding with this code in the engagement, as a subquery. */
  const findingRef = (executor: Executor, engagementId: string, code: string) =>
    executor.selectFrom('findings').select('findings.id').where('findings.engagement_id', '=', engagementId).where('findings.code', '=', code);

  async function find(engagementId: string, code: string, trx?: Executor): Promise<StoredManagementResponse | null> {
    const row = await (trx ?? db)
      .selectFrom('management_responses')
      .innerJoin('findings', 'findings.id', 'management_responses.finding_id')
      .select(columns)
      .where('findings.engagement_id', '=', engagementId)
      .where('findings.code', '=', code)
      .executeTakeFirst();
    return row ? toStored(row) : null;
  }

  return {
    find,

    /** Every response of the engagement's findings, in the order of their codes (as findings are listed). */
    async list(engagementId: string, trx?: Executor): Promise<StoredManagementResponse[]> {
      const rows = await (trx ?? db)
        .selectFrom('management_responses')
        .innerJoin('findings', 'findings.id', 'management_responses.finding_id')
        .select(columns)
        .where('findings.engagement_id', '=', engagementId)
        .orderBy('findings.code')
        .execute();
      return rows.map(toStored);
    },

    /** Deletes the responses of the engagement's findings whose codes are not in `keep`; resolves to how many went. */
    async deleteAllBut(engagementId: string, keep: readonly string[], trx?: Executor): Promise<number> {
      const executor = trx ?? db;
      let findingIds = executor.selectFrom('findings').select('findings.id').where('findings.engagement_id', '=', engagementId);
      if (keep.length > 0) findingIds = findingIds.where('findings.code', 'not in', keep);
      const result = await executor.deleteFrom('management_responses').where('finding_id', 'in', findingIds).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** The finding's first response; a second one for the same finding is a ConflictError, an unknown finding NotFound. */
    async create(engagementId: string, response: ManagementResponse, trx?: Executor): Promise<StoredManagementResponse> {
      const executor = trx ?? db;
      const finding = await findingRef(executor, engagementId, response.finding).executeTakeFirst();
      if (!finding) throw new NotFoundError(`Finding ${response.finding}`);
      await translateConstraintErrors(
        () => executor.insertInto('management_responses').values({ id: deps.newId(), finding_id: finding.id, ...values(response) }).execute(),
        `Finding ${response.finding} already has a management response`,
        `Finding ${response.finding}`,
      );
      return (await find(engagementId, response.finding, executor)) as StoredManagementResponse;
    },

    /** Writes the response whole if `expectedVersion` is still current; else ConflictError (or NotFound) and no change. */
    async update(engagementId: string, expectedVersion: number, response: ManagementResponse, trx?: Executor): Promise<StoredManagementResponse> {
      const executor = trx ?? db;
      const result = await executor
        .updateTable('management_responses')
        .set((eb) => ({ ...values(response), version: eb('version', '+', 1) }))
        .where('finding_id', '=', findingRef(executor, engagementId, response.finding))
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) {
        throw staleOrMissing(`The management response of ${response.finding}`, expectedVersion, (await find(engagementId, response.finding, executor))?.version);
      }
      return (await find(engagementId, response.finding, executor)) as StoredManagementResponse;
    },
  };
}
