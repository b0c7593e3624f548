/**
 * An engagement's system description, kept whole as JSON text at a version (optimistic concurrency), and what the
 * examination reads of it: the description and the findings that may be significant incidents, from which the
 * domain derives the description's warnings and misstatements (`withDescription`).
 */
import { withDescription, type DescribedExamination, type IncidentCandidate, type SystemDescription } from '../domain/description/index.js';
import type { Control, Examination } from '../domain/engagement.js';
import type { FindingSource, FindingStatus, StatusChange } from '../domain/findings/index.js';
import { createAuditRepository, type AuditRepository } from './audit-repository.js';
import { bumpRevision } from './engagements-repository.js';
import { defaultDependencies, fromBooleanInt, fromJson, staleOrMissing, toBooleanInt, toJson, toTimestamp, type Executor, type StoreDependencies } from './values.js';

export interface StoredDescription {
  engagementId: string;
  description: SystemDescription;
  updatedAt: string;
  updatedBy: string;
  version: number;
}

/** One version of the description: what it said, who wrote it and when. */
export type DescriptionVersion = Omit<StoredDescription, 'engagementId'>;

/** The audit log's subject of an engagement's description (its `description.updated` events). */
export const descriptionSubject = (engagementId: string) => `description:${engagementId}`;

const descriptionColumns = ['engagement_id', 'document', 'updated_at', 'updated_by', 'version'] as const;

async function findDescription(executor: Executor, engagementId: string): Promise<StoredDescription | null> {
  const row = await executor.selectFrom('descriptions').select(descriptionColumns).where('engagement_id', '=', engagementId).executeTakeFirst();
  if (!row) return null;
  return {
    engagementId: row.engagement_id,
    description: fromJson<SystemDescription>(row.document),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    version: Number(row.version),
  };
}

/**
 * Every version of the description, oldest first: the table holds the one in use, and each edit's audit event
 * (`description.updated`) holds the version it wrote, so the earlier ones are read from there.
 */
async function descriptionVersions(executor: Executor, audit: AuditRepository, engagementId: string): Promise<DescriptionVersion[]> {
  const [states, current] = await Promise.all([
    audit.statesAfter<StoredDescription>(descriptionSubject(engagementId), 'description.updated', executor),
    findDescription(executor, engagementId),
  ]);
  const written = [...states, current].filter((stored) => stored !== null);
  const byVersion = new Map(written.map(({ engagementId: _engagement, ...version }) => [version.version, version]));
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

/** The findings of the engagement as the significant-incident rule reads them, in code order. */
async function incidentCandidates(executor: Executor, engagementId: string): Promise<IncidentCandidate[]> {
  const rows = await executor
    .selectFrom('findings')
    .select(['code', 'title', 'source', 'control_code', 'status', 'history', 'significant_incident'])
    .where('engagement_id', '=', engagementId)
    .orderBy('code')
    .execute();
  return rows.map((row) => ({
    code: row.code,
    title: row.title,
    source: row.source as FindingSource,
    control: row.control_code,
    status: row.status as FindingStatus,
    history: fromJson<StatusChange[]>(row.history),
    significantIncident: fromBooleanInt(row.significant_incident),
  }));
}

/**
 * The key controls of the engagement in use, all the significant-incident rule reads of the controls: a read of
 * the description reads neither the tests nor the samples (an engagement may hold tens of thousands).
 */
async function keyControls(executor: Executor, engagementId: string): Promise<Pick<Control, 'id' | 'key'>[]> {
  const rows = await executor
    .selectFrom('controls')
    .select('code')
    .where('engagement_id', '=', engagementId)
    .where('archived_at', 'is', null)
    .where('is_key', '=', toBooleanInt(true))
    .orderBy('code')
    .execute();
  return rows.map((row) => ({ id: row.code, key: true }));
}

/**
 * The examination with its description's misstatements and the description's warnings, read in the caller's
 * snapshot (the examination's loaders call it in theirs).
 */
export async function readDescribedExamination(executor: Executor, engagementId: string, examination: Examination): Promise<DescribedExamination> {
  const stored = await findDescription(executor, engagementId);
  if (stored === null) return { examination, warnings: [] };
  return withDescription(examination, stored.description, await incidentCandidates(executor, engagementId));
}

export type DescriptionRepository = ReturnType<typeof createDescriptionRepository>;

export function createDescriptionRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  // The audit log is the audit repository's to read: the earlier versions are read through it.
  const audit = createAuditRepository(db, deps);
  return {
    find: (engagementId: string, trx?: Executor) => findDescription(trx ?? db, engagementId),

    versions: (engagementId: string, trx?: Executor) => descriptionVersions(trx ?? db, audit, engagementId),

    /**
     * Writes the description at the version the writer read (0: there is none yet), and marks the change to what
     * the engine reads. A stale version is a ConflictError; nothing is written.
     */
    async save(engagementId: string, expectedVersion: number, description: SystemDescription, by: string, trx: Executor): Promise<StoredDescription> {
      await bumpRevision(trx, { engagementId });
      const values = { document: toJson(description), updated_at: toTimestamp(deps.clock()), updated_by: by };
      const current = await findDescription(trx, engagementId);
      if ((current?.version ?? 0) !== expectedVersion) throw staleOrMissing('The system description', expectedVersion, current?.version ?? 0);
      if (current === null) {
        await trx.insertInto('descriptions').values({ id: deps.newId(), engagement_id: engagementId, ...values }).execute();
      } else {
        await trx
          .updateTable('descriptions')
          .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
          .where('engagement_id', '=', engagementId)
          .where('version', '=', expectedVersion)
          .execute();
      }
      return (await findDescription(trx, engagementId)) as StoredDescription;
    },

    incidentCandidates: (engagementId: string, trx?: Executor) => incidentCandidates(trx ?? db, engagementId),

    keyControls: (engagementId: string, trx?: Executor) => keyControls(trx ?? db, engagementId),
  };
}
