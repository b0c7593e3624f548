/**
 * Evidence records (src/domain/evidence/records.ts) by engagement, with the controls each is for. Records are
 * written once: superseding and deleting set markers at the record's version, nothing else ever changes.
 */
import type { ExpressionBuilder, Selectable } from 'kysely';
import { sql } from 'kysely';
import { evidenceState, outsidePeriod, type EvidenceRecord, type EvidenceSource, type EvidenceState } from '../domain/evidence/index.js';
import { bumpRevision } from './engagements-repository.js';
import type { DatabaseSchema, EvidenceTable } from './schema.js';
import { defaultDependencies, selectPage, staleOrMissing, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies } from './values.js';

export type StoredEvidence = EvidenceRecord;

const columns = [
  'evidence.id',
  'evidence.engagement_id',
  'evidence.sha256',
  'evidence.file_name',
  'evidence.media_type',
  'evidence.size',
  'evidence.covers_from',
  'evidence.covers_to',
  'evidence.collected_at',
  'evidence.collected_by',
  'evidence.source',
  'evidence.superseded_by',
  'evidence.deleted_at',
  'evidence.deleted_by',
  'evidence.deletion_reason',
  'evidence.version',
  'engagements.period_start',
  'engagements.period_end',
] as const;

type Row = Omit<Selectable<EvidenceTable>, 'organization_id' | 'collected_by_user_id'> & { period_start: string | null; period_end: string };

function toRecord(row: Row, controls: string[]): StoredEvidence {
  const record = {
    id: row.id,
    engagementId: row.engagement_id,
    sha256: row.sha256,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: Number(row.size),
    controls,
    coversFrom: row.covers_from,
    coversTo: row.covers_to,
    collectedAt: row.collected_at,
    collectedBy: row.collected_by,
    source: row.source as EvidenceSource,
    supersededBy: row.superseded_by,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
    deletionReason: row.deletion_reason,
    version: Number(row.version),
  };
  return {
    ...record,
    outsidePeriod: outsidePeriod(record, { periodStart: row.period_start, periodEnd: row.period_end }),
    state: evidenceState(record),
  };
}

/** A record as written: the controls by their row ids (the caller found them in the engagement). */
export interface NewEvidence {
  organizationId: string;
  engagementId: string;
  sha256: string;
  size: number;
  fileName: string;
  mediaType: string;
  controlRowIds: readonly string[];
  coversFrom: string | null;
  coversTo: string | null;
  collectedBy: string;
  collectedByUserId: string | null;
  source: EvidenceSource;
}

export interface EvidenceFilters {
  /** Only evidence for this control (its id, e.g. `AC-04`). */
  control?: string;
  /** Only evidence whose period (or collection day) overlaps these dates. */
  from?: string;
  to?: string;
  /** Which records: those that stand (default), or every one, superseded and deleted too. */
  state?: EvidenceState | 'all';
}

/** The day a record's period starts and ends, falling back to the other end, then to the day it was collected. */
const coveredFrom = sql<string>`coalesce(evidence.covers_from, evidence.covers_to, substr(evidence.collected_at, 1, 10))`;
const coveredTo = sql<string>`coalesce(evidence.covers_to, evidence.covers_from, substr(evidence.collected_at, 1, 10))`;

export function createEvidenceRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const base = (executor: Executor) => executor.selectFrom('evidence').innerJoin('engagements', 'engagements.id', 'evidence.engagement_id');

  /** The controls (ids such as `AC-04`) of each record, in the controls' order. */
  async function controlsOf(executor: Executor, evidenceIds: readonly string[]): Promise<Map<string, string[]>> {
    const byRecord = new Map<string, string[]>(evidenceIds.map((id) => [id, []]));
    if (evidenceIds.length === 0) return byRecord;
    const rows = await executor
      .selectFrom('evidence_controls')
      .innerJoin('controls', 'controls.id', 'evidence_controls.control_id')
      .select(['evidence_controls.evidence_id', 'controls.code'])
      .where('evidence_controls.evidence_id', 'in', [...evidenceIds])
      .orderBy('controls.position')
      .execute();
    for (const row of rows) byRecord.get(row.evidence_id)?.push(row.code);
    return byRecord;
  }

  async function withControls(executor: Executor, rows: readonly Row[]): Promise<StoredEvidence[]> {
    const controls = await controlsOf(executor, rows.map((r) => r.id));
    return rows.map((row) => toRecord(row, controls.get(row.id) ?? []));
  }

  async function findById(engagementId: string, id: string, trx?: Executor): Promise<StoredEvidence | null> {
    const executor = trx ?? db;
    const row = await base(executor).select(columns).where('evidence.engagement_id', '=', engagementId).where('evidence.id', '=', id).executeTakeFirst();
    return row ? ((await withControls(executor, [row]))[0] ?? null) : null;
  }

  /** Sets a marker on a record that still stands, at its version; a stale or settled record is a ConflictError. */
  async function mark(
    engagementId: string,
    id: string,
    expectedVersion: number,
    marker: { superseded_by: string } | { deleted_at: string; deleted_by: string; deletion_reason: string | null },
    trx?: Executor,
  ): Promise<StoredEvidence> {
    const executor = trx ?? db;
    const updated = await executor
      .updateTable('evidence')
      .set((eb) => ({ ...marker, version: eb('version', '+', 1) }))
      .where('engagement_id', '=', engagementId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('superseded_by', 'is', null)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const current = await findById(engagementId, id, executor);
    if (Number(updated.numUpdatedRows) !== 1 || !current) throw staleOrMissing(`Evidence ${id}`, expectedVersion, current?.version);
    // The examination reads the records in force (period coverage, docs/coverage.md): its cached result moves on.
    await bumpRevision(executor, { engagementId });
    return current;
  }

  return {
    findById,

    async create(input: NewEvidence, trx?: Executor): Promise<StoredEvidence> {
      const executor = trx ?? db;
      const id = deps.newId();
      await executor
        .insertInto('evidence')
        .values({
          id,
          organization_id: input.organizationId,
          engagement_id: input.engagementId,
          sha256: input.sha256,
          file_name: input.fileName,
          media_type: input.mediaType,
          size: input.size,
          covers_from: input.coversFrom,
          covers_to: input.coversTo,
          collected_at: toTimestamp(deps.clock()),
          collected_by: input.collectedBy,
          collected_by_user_id: input.collectedByUserId,
          source: input.source,
        })
        .execute();
      if (input.controlRowIds.length > 0) {
        await executor
          .insertInto('evidence_controls')
          .values(input.controlRowIds.map((controlId) => ({ evidence_id: id, control_id: controlId })))
          .execute();
      }
      // The examination reads evidence (period coverage, docs/coverage.md): its cached result moves on.
      await bumpRevision(executor, { engagementId: input.engagementId });
      const created = await findById(input.engagementId, id, executor);
      if (!created) throw new Error(`Evidence ${id} was not written`);
      return created;
    },

    /** The engagement's evidence, newest first, filtered. */
    async list(engagementId: string, filters: EvidenceFilters & Page, trx?: Executor): Promise<Paged<StoredEvidence>> {
      const executor = trx ?? db;
      let query = base(executor).where('evidence.engagement_id', '=', engagementId);
      const state = filters.state ?? 'current';
      if (state === 'current') query = query.where('evidence.superseded_by', 'is', null).where('evidence.deleted_at', 'is', null);
      if (state === 'superseded') query = query.where('evidence.superseded_by', 'is not', null).where('evidence.deleted_at', 'is', null);
      if (state === 'deleted') query = query.where('evidence.deleted_at', 'is not', null);
      if (filters.control !== undefined) {
        const control = filters.control;
        query = query.where((eb: ExpressionBuilder<DatabaseSchema, 'evidence' | 'engagements'>) =>
          eb.exists(
            eb
              .selectFrom('evidence_controls')
              .innerJoin('controls', 'controls.id', 'evidence_controls.control_id')
              .select('evidence_controls.control_id')
              .whereRef('evidence_controls.evidence_id', '=', 'evidence.id')
              .where('controls.code', '=', control),
          ),
        );
      }
      if (filters.from !== undefined) query = query.where(coveredTo, '>=', filters.from);
      if (filters.to !== undefined) query = query.where(coveredFrom, '<=', filters.to);
      const page = await selectPage(query, filters, (q) => q.select(columns).orderBy('evidence.collected_at', 'desc').orderBy('evidence.id'), (row) => row);
      return { items: await withControls(executor, page.items), total: page.total };
    },

    /** Records that `id` is superseded by `supersededBy` (both of the engagement). */
    supersede(engagementId: string, id: string, expectedVersion: number, supersededBy: string, trx?: Executor): Promise<StoredEvidence> {
      return mark(engagementId, id, expectedVersion, { superseded_by: supersededBy }, trx);
    },

    /** Marks a record deleted: the row and its hash stay, out of the default list. */
    markDeleted(engagementId: string, id: string, expectedVersion: number, deletion: { deletedBy: string; reason: string | null }, trx?: Executor): Promise<StoredEvidence> {
      return mark(engagementId, id, expectedVersion, { deleted_at: toTimestamp(deps.clock()), deleted_by: deletion.deletedBy, deletion_reason: deletion.reason }, trx);
    },

    /** Whether any record, deleted or not, names these bytes. */
    async names(sha256: string, trx?: Executor): Promise<boolean> {
      return (await (trx ?? db).selectFrom('evidence').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst()) !== undefined;
    },

    /** The records that name these bytes, any engagement's: who to tell when the bytes are damaged. */
    async namedBy(sha256: string, trx?: Executor): Promise<{ id: string; organizationId: string; engagementId: string; fileName: string }[]> {
      const rows = await (trx ?? db)
        .selectFrom('evidence')
        .select(['id', 'organization_id', 'engagement_id', 'file_name'])
        .where('sha256', '=', sha256)
        .orderBy('collected_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: r.id, organizationId: r.organization_id, engagementId: r.engagement_id, fileName: r.file_name }));
    },

    /** Every blob address evidence names, deleted records' too (their bytes are kept), in order. */
    async addresses(trx?: Executor): Promise<string[]> {
      const rows = await (trx ?? db).selectFrom('evidence').select('sha256').distinct().orderBy('sha256').execute();
      return rows.map((r) => r.sha256);
    },
  };
}

export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;
