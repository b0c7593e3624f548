/**
 * The audit log: every mutation appends an event in the transaction of the change, and each event's hash
 * chains the previous one, so that altering, inserting or deleting an event in the middle shows:
 *
 *   hash = sha256_hex(prev_hash + canonicalJson({ organizationId, actor, actorDetail, type, subject, before, after, occurredAt }))
 *
 * `actorDetail` (who acted, whole) is in the hashed object only when the event has one: events recorded before the
 * log kept it have their words (`actor`) only, and their hashes stay as they were.
 *
 * The first event's prev_hash is 64 zeros. `seq` is not hashed (the database assigns it); the order of the
 * chain is the order of seq. One chain for the whole database, so a tenant's events cannot be dropped unseen.
 */
import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { canonicalJson } from './canonical-json.js';
import { engineOf } from './engine.js';
import type { AuditActor, AuditEventType } from '../domain/audit-events.js';
import type { AuditEventsTable } from './schema.js';
import { defaultDependencies, fromJsonOrNull, pageOf, selectPage, toCount, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies, type Trx } from './values.js';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Key of the PostgreSQL advisory lock that serialises appends ("ASAY" in ASCII). Without it two
 * transactions could both read the same last event and fork the chain.
 */
const AUDIT_CHAIN_LOCK_KEY = 0x41534159;

/** How many events verification reads at a time, at most. */
const VERIFY_BATCH = 1000;

/**
 * How many bytes of `before` and `after` one read of events holds, at most (one event larger than this is
 * read alone). An event may hold a whole purged engagement (up to 8 MB), so reads are bounded by size, not count:
 * a page of a thousand such events must not take the server's memory.
 */
export const PAYLOAD_BUDGET = 16 * 1024 * 1024;

export interface AuditEventInput {
  organizationId: string | null;
  /** Who did it in words, e.g. `user:<email>`, `operator:cli`. */
  actor: string;
  /** Who did it, whole. */
  actorDetail: AuditActor;
  /** What happened, e.g. `control.updated`. */
  type: string;
  /** What it happened to, e.g. `control:<id>`. */
  subject: string;
  /** The state before and after (plain JSON values); null or absent for none. */
  before?: unknown;
  after?: unknown;
}

export interface AuditEvent {
  seq: number;
  organizationId: string | null;
  actor: string;
  /** Who did it, whole; null for events recorded before the log kept it (their `actor` words say who). */
  actorDetail: AuditActor | null;
  type: string;
  subject: string;
  before: unknown;
  after: unknown;
  occurredAt: string;
  prevHash: string;
  hash: string;
  /**
   * In a list: true when `before` and `after` were left out (null here) because the page's share of
   * {@link PAYLOAD_BUDGET} was spent; `findBySeq` reads the event whole.
   */
  payloadOmitted?: boolean;
}

/** Where the chain breaks: `altered` when the event no longer matches its hash, `relinked` when its link to
 * the previous event does not match (that event was replaced with a rehashed one, or one was deleted or
 * inserted before it). */
export interface ChainBreak {
  seq: number;
  reason: 'altered' | 'relinked';
}

const columns = [
  'seq',
  'organization_id',
  'actor',
  'actor_detail',
  'type',
  'subject',
  'before',
  'after',
  'occurred_at',
  'prev_hash',
  'hash',
] as const;

type AuditRow = Pick<Selectable<AuditEventsTable>, (typeof columns)[number]>;

/**
 * Every column but the payload, with the payload's size in bytes: `octet_length` reads it from the row's header
 * (SQLite) or the value's TOAST header (PostgreSQL), without loading the text.
 */
const headerColumns = ['seq', 'organization_id', 'actor', 'actor_detail', 'type', 'subject', 'occurred_at', 'prev_hash', 'hash'] as const;
const payloadSize = sql<number>`coalesce(octet_length(${sql.ref('before')}), 0) + coalesce(octet_length(${sql.ref('after')}), 0)`.as('payload_size');

/**
 * The seqs of the rows whose payloads fit in the budget, a prefix of `rows` in their order (at least the first
 * row's, whatever its size), so that what is left out is never loaded.
 */
function seqsWithin(rows: readonly { seq: number; payload_size: number | string }[], budgetBytes: number): number[] {
  let budget = budgetBytes;
  const wanted: number[] = [];
  for (const row of rows) {
    const size = Number(row.payload_size);
    if (wanted.length > 0 && size > budget) break;
    wanted.push(Number(row.seq));
    budget -= size;
  }
  return wanted;
}

type Payloads = Map<number, Pick<AuditRow, 'before' | 'after'>>;

function bySeq(rows: readonly { seq: number; before: string | null; after: string | null }[]): Payloads {
  return new Map(rows.map((row) => [Number(row.seq), { before: row.before, after: row.after }]));
}

function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    seq: Number(row.seq),
    organizationId: row.organization_id,
    actor: row.actor,
    actorDetail: fromJsonOrNull<AuditActor>(row.actor_detail),
    type: row.type,
    subject: row.subject,
    before: fromJsonOrNull(row.before),
    after: fromJsonOrNull(row.after),
    occurredAt: row.occurred_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The hash of an event given the previous event's hash; `before`/`after` as parsed JSON values. */
export function eventHash(prevHash: string, event: Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>): string {
  const payload = canonicalJson({
    organizationId: event.organizationId,
    actor: event.actor,
    ...(event.actorDetail !== null && { actorDetail: event.actorDetail }),
    type: event.type,
    subject: event.subject,
    before: event.before ?? null,
    after: event.after ?? null,
    occurredAt: event.occurredAt,
  });
  return createHash('sha256').update(prevHash + payload, 'utf8').digest('hex');
}

/** A place in the chain: an event's seq and hash. The newest is the head. */
export interface ChainPoint {
  seq: number;
  hash: string;
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

export function createAuditRepository(
  db: Executor,
  deps: Pick<StoreDependencies, 'clock'> = defaultDependencies,
  /** Bytes of payload one read holds; tests make it small. */
  payloadBudget = PAYLOAD_BUDGET,
) {
  /**
   * Recomputes the chain; the first break found, or null when it is whole. From the first event, or from the
   * event after `from`, a point already known good (the caller has checked that the event at `from.seq` still
   * has `from.hash`).
   */
  async function inspectChain(trx?: Executor, from?: ChainPoint): Promise<ChainBreak | null> {
    const executor = trx ?? db;
    let expectedPrev = from?.hash ?? GENESIS_HASH;
    let after = from?.seq ?? -1;
    for (;;) {
      const headers = await executor
        .selectFrom('audit_events')
        .select([...headerColumns, payloadSize])
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(VERIFY_BATCH)
        .execute();
      if (headers.length === 0) return null;
      // As many as fit in the budget (at least one), read as the range they are; the next batch starts after.
      const wanted = seqsWithin(headers, payloadBudget);
      const payloads = bySeq(
        await executor
          .selectFrom('audit_events')
          .select(['seq', 'before', 'after'])
          .where('seq', '>', after)
          .where('seq', '<=', wanted[wanted.length - 1] as number)
          .execute(),
      );
      for (const header of headers) {
        const payload = payloads.get(Number(header.seq));
        if (!payload) break;
        const event = toAuditEvent({ ...header, ...payload });
        if (event.prevHash !== expectedPrev) return { seq: event.seq, reason: 'relinked' };
        if (eventHash(event.prevHash, event) !== event.hash) return { seq: event.seq, reason: 'altered' };
        expectedPrev = event.hash;
        after = event.seq;
      }
    }
  }

  return {
    /**
     * Appends an event in `trx`, the transaction of the change it records (refused outside one). On
     * PostgreSQL a transaction-scoped advisory lock makes concurrent appends wait their turn; on SQLite a
     * write transaction is already exclusive.
     */
    async append(trx: Trx, event: AuditEventInput): Promise<AuditEvent> {
      if (!trx.isTransaction) {
        throw new Error('An audit event is appended in the transaction of the change it records');
      }
      if (engineOf(trx) === 'postgres') {
        await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK_KEY)})`.execute(trx);
      }
      const last = await trx
        .selectFrom('audit_events')
        .select('hash')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const prevHash = last?.hash ?? GENESIS_HASH;
      // Store the canonical text, and hash what that text reads back as: verification sees the same values.
      const before = event.before === undefined || event.before === null ? null : canonicalJson(event.before);
      const after = event.after === undefined || event.after === null ? null : canonicalJson(event.after);
      const actorDetail = canonicalJson(event.actorDetail);
      const fields = {
        organizationId: event.organizationId,
        actor: event.actor,
        actorDetail: fromJsonOrNull<AuditActor>(actorDetail),
        type: event.type,
        subject: event.subject,
        before: fromJsonOrNull(before),
        after: fromJsonOrNull(after),
        occurredAt: toTimestamp(deps.clock()),
      };
      const row = await trx
        .insertInto('audit_events')
        .values({
          organization_id: fields.organizationId,
          actor: fields.actor,
          actor_detail: actorDetail,
          type: fields.type,
          subject: fields.subject,
          before,
          after,
          occurred_at: fields.occurredAt,
          prev_hash: prevHash,
          hash: eventHash(prevHash, fields),
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toAuditEvent(row);
    },

    /**
     * Events newest first, optionally of one organisation, type, and subject or any of several subjects. The
     * payloads of a page stop at {@link PAYLOAD_BUDGET}: events after that come with `payloadOmitted`.
     */
    async list(
      page: Page & { organizationId?: string; type?: string; subject?: string | readonly string[] },
      trx?: Executor,
    ): Promise<Paged<AuditEvent>> {
      if (Array.isArray(page.subject) && page.subject.length === 0) return pageOf([], page);
      let query = (trx ?? db).selectFrom('audit_events');
      if (page.organizationId !== undefined) query = query.where('organization_id', '=', page.organizationId);
      if (page.type !== undefined) query = query.where('type', '=', page.type);
      if (typeof page.subject === 'string') query = query.where('subject', '=', page.subject);
      else if (page.subject !== undefined) query = query.where('subject', 'in', page.subject);
      const { items: headers, total } = await selectPage(query, page, (q) => q.select([...headerColumns, payloadSize]).orderBy('seq', 'desc'), (header) => header);
      // The rows that fit are the newest of the page: the filtered rows between their first and last seq.
      const wanted = seqsWithin(headers, payloadBudget);
      const payloads =
        wanted.length === 0
          ? new Map()
          : bySeq(await query.select(['seq', 'before', 'after']).where('seq', '<=', wanted[0] as number).where('seq', '>=', wanted[wanted.length - 1] as number).execute());
      const items = headers.map((header) => {
        const payload = payloads.get(Number(header.seq));
        return payload ? toAuditEvent({ ...header, ...payload }) : { ...toAuditEvent({ ...header, before: null, after: null }), payloadOmitted: true };
      });
      return { items, total };
    },

    /**
     * What each event of one type on one subject left (its `after`, null where it kept none), oldest first:
     * the history of a record whose earlier states only the log keeps. Whole, not paged: the caller's subject
     * bounds it.
     */
    async statesAfter<T>(subject: string, type: AuditEventType, trx?: Executor): Promise<(T | null)[]> {
      const rows = await (trx ?? db)
        .selectFrom('audit_events')
        .select('after')
        .where('subject', '=', subject)
        .where('type', '=', type)
        .orderBy('seq')
        .execute();
      return rows.map((row) => fromJsonOrNull<T>(row.after));
    },

    /** One event by its place in the chain, as stored now (for naming a break). */
    async findBySeq(seq: number, trx?: Executor): Promise<AuditEvent | null> {
      const row = await (trx ?? db).selectFrom('audit_events').select(columns).where('seq', '=', seq).executeTakeFirst();
      return row ? toAuditEvent(row) : null;
    },

    inspectChain,

    /** The newest event's place in the chain, or null when there is no event. */
    async head(trx?: Executor): Promise<ChainPoint | null> {
      const row = await (trx ?? db).selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row ? { seq: Number(row.seq), hash: row.hash } : null;
    },

    /** The hash of each of these events that is still there, by seq. */
    async hashesAt(seqs: readonly number[], trx?: Executor): Promise<Map<number, string>> {
      const found = new Map<number, string>();
      for (let i = 0; i < seqs.length; i += VERIFY_BATCH) {
        const rows = await (trx ?? db)
          .selectFrom('audit_events')
          .select(['seq', 'hash'])
          .where('seq', 'in', seqs.slice(i, i + VERIFY_BATCH))
          .execute();
        for (const row of rows) found.set(Number(row.seq), row.hash);
      }
      return found;
    },

    /** How many events came after the event at `seq`. */
    async countAfter(seq: number, trx?: Executor): Promise<number> {
      const row = await (trx ?? db)
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll().as('total'))
        .where('seq', '>', seq)
        .executeTakeFirstOrThrow();
      return toCount(row.total);
    },

    /** The seq of the first event that does not verify, or null when the chain is whole. */
    async verifyChain(trx?: Executor): Promise<number | null> {
      return (await inspectChain(trx))?.seq ?? null;
    },
  };
}
