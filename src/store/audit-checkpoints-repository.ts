/**
 * Signed checkpoints of the audit chain (see the migration `2026120102_audit_checkpoints`). The store keeps them
 * as written; signing and checking signatures is the integrity service's, with a key the database never holds.
 */
import type { Selectable } from 'kysely';
import type { AuditCheckpointsTable } from './schema.js';
import { defaultDependencies, type Executor, type StoreDependencies } from './values.js';

export interface Checkpoint {
  id: string;
  /** The place in the chain it vouches for. */
  seq: number;
  hash: string;
  createdAt: string;
  keyId: string;
  /** Ed25519 signature, base64. */
  signature: string;
}

/** What is signed and stored; `createdAt` is the signer's, as the signature covers it. */
export type CheckpointInput = Omit<Checkpoint, 'id'>;

const columns = ['id', 'event_seq', 'event_hash', 'created_at', 'key_id', 'signature'] as const;

type CheckpointRow = Pick<Selectable<AuditCheckpointsTable>, (typeof columns)[number]>;

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    id: row.id,
    seq: Number(row.event_seq),
    hash: row.event_hash,
    createdAt: row.created_at,
    keyId: row.key_id,
    signature: row.signature,
  };
}

/** How many checkpoints verification reads at a time. */
const BATCH = 1000;

export type AuditCheckpointsRepository = ReturnType<typeof createAuditCheckpointsRepository>;

export function createAuditCheckpointsRepository(db: Executor, deps: Pick<StoreDependencies, 'newId'> = defaultDependencies) {
  return {
    async create(input: CheckpointInput, trx?: Executor): Promise<Checkpoint> {
      const row = await (trx ?? db)
        .insertInto('audit_checkpoints')
        .values({
          id: deps.newId(),
          event_seq: input.seq,
          event_hash: input.hash,
          created_at: input.createdAt,
          key_id: input.keyId,
          signature: input.signature,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toCheckpoint(row);
    },

    /** The checkpoint of the newest place in the chain (the latest written, for one place), or null. */
    async latest(trx?: Executor): Promise<Checkpoint | null> {
      const row = await (trx ?? db)
        .selectFrom('audit_checkpoints')
        .select(columns)
        .orderBy('event_seq', 'desc')
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toCheckpoint(row) : null;
    },

    /** Every checkpoint, oldest place first, a batch at a time. */
    async *all(trx?: Executor): AsyncGenerator<Checkpoint[]> {
      let offset = 0;
      for (;;) {
        const rows = await (trx ?? db)
          .selectFrom('audit_checkpoints')
          .select(columns)
          .orderBy('event_seq')
          .orderBy('created_at')
          .orderBy('id')
          .limit(BATCH)
          .offset(offset)
          .execute();
        if (rows.length > 0) yield rows.map(toCheckpoint);
        if (rows.length < BATCH) return;
        offset += BATCH;
      }
    },
  };
}
