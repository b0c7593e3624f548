/**
 * The audit chain's integrity. `assay verify` recomputes the chain (one for the whole database, every tenant, so
 * only the installation's operator checks it), names the first event that does not verify, and checks what the
 * chain alone cannot show, that its newest events were neither deleted nor rewritten with recomputed hashes:
 * against a head noted elsewhere (`--expect-head SEQ:HASH`) and against checkpoints signed with the
 * installation's key, which the database never holds.
 *
 * Auditors (`audit.read`) read the head and the latest checkpoint, to note them outside the system.
 */
import type { KeyObject } from 'node:crypto';
import { ConflictError, ForbiddenError } from '../../domain/index.js';
import type { Checkpoint, AuditCheckpointsRepository } from '../../store/audit-checkpoints-repository.js';
import type { AuditRepository, ChainBreak, ChainPoint } from '../../store/audit-repository.js';
import { toTimestamp } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import { signedByOneOf, type CheckpointSigner } from './checkpoint-signature.js';

/** What the chain's head was said to be, and whether the chain still passes through it. */
export interface ExpectedHeadCheck extends ChainPoint {
  /** `matches`: the event at seq still has this hash, so nothing up to it changed. */
  outcome: 'matches' | 'missing' | 'differs';
  /** The hash the event at seq has now (null when it is gone). */
  hashNow: string | null;
  /** Events after seq (still there). */
  eventsAfter: number;
  why: string | null;
}

export interface CheckpointProblem {
  /** The checkpoint at fault; null when there is none to check at all. */
  checkpoint: Pick<Checkpoint, 'seq' | 'hash' | 'createdAt' | 'keyId'> | null;
  why: string;
}

export interface CheckpointsReport {
  count: number;
  /** Whether signatures were checked (a public key was given). */
  signaturesChecked: boolean;
  latest: Pick<Checkpoint, 'seq' | 'hash' | 'createdAt' | 'keyId'> | null;
  problems: CheckpointProblem[];
}

export interface ChainReport {
  /** True when the chain, the expected head and every checkpoint check out. */
  intact: boolean;
  /** How many events the log holds. */
  events: number;
  /** The newest event's place; null for an empty log. */
  head: ChainPoint | null;
  /** The first event that does not verify, as it reads now; null when the chain is whole. */
  firstBreak: (ChainBreak & { type: string | null; subject: string | null; occurredAt: string | null; why: string }) | null;
  expectedHead: ExpectedHeadCheck | null;
  checkpoints: CheckpointsReport;
}

export interface VerifyOptions {
  /** A head noted outside the system earlier: the chain must still pass through it. */
  expectedHead?: ChainPoint;
  /** Public keys that sign checkpoints: every checkpoint must verify with one of them. */
  publicKeys?: readonly KeyObject[];
}

/** What auditors read to anchor the chain outside the system: the whole installation's head, no event of anyone. */
export interface ChainHead {
  head: ChainPoint | null;
  checkpoint: Pick<Checkpoint, 'seq' | 'hash' | 'createdAt' | 'keyId' | 'signature'> | null;
}

const WHY: Record<ChainBreak['reason'], string> = {
  altered: 'its contents no longer match its hash: the event was changed after it was written',
  relinked:
    'its link to the previous event does not match: an event before it was deleted or inserted, or rewritten with a new hash',
};

function described({ seq, hash, createdAt, keyId }: Checkpoint) {
  return { seq, hash, createdAt, keyId };
}

export function createIntegrityService(deps: {
  audit: Pick<AuditRepository, 'inspectChain' | 'findBySeq' | 'list' | 'head' | 'hashesAt' | 'countAfter'>;
  checkpoints: Pick<AuditCheckpointsRepository, 'create' | 'latest' | 'all'>;
  access: Access;
  clock: () => Date;
}) {
  const { audit, checkpoints, access } = deps;

  function requireOperator(actor: Actor, what: string): void {
    if (actor.kind !== 'operator') throw new ForbiddenError(`The audit chain spans every organisation: only the operator ${what}`);
  }

  async function checkExpectedHead(expected: ChainPoint): Promise<ExpectedHeadCheck> {
    const hashNow = (await audit.hashesAt([expected.seq])).get(expected.seq) ?? null;
    const eventsAfter = await audit.countAfter(expected.seq);
    if (hashNow === expected.hash) return { ...expected, outcome: 'matches', hashNow, eventsAfter, why: null };
    return {
      ...expected,
      outcome: hashNow === null ? 'missing' : 'differs',
      hashNow,
      eventsAfter,
      why:
        hashNow === null
          ? `event ${expected.seq} is gone: the events from it on were deleted`
          : `event ${expected.seq} now has another hash: it, or an event before it, was rewritten and the hashes recomputed`,
    };
  }

  async function checkCheckpoints(publicKeys: readonly KeyObject[] | undefined, events: number): Promise<CheckpointsReport> {
    const problems: CheckpointProblem[] = [];
    let count = 0;
    let latest: Checkpoint | null = null;
    for await (const batch of checkpoints.all()) {
      const hashes = await audit.hashesAt(batch.map((c) => c.seq));
      for (const checkpoint of batch) {
        count += 1;
        latest = checkpoint;
        const hashNow = hashes.get(checkpoint.seq);
        if (publicKeys && !signedByOneOf(publicKeys, checkpoint, checkpoint.signature)) {
          problems.push({
            checkpoint: described(checkpoint),
            why: `its signature does not verify with the public key given: it was forged or altered (it names key ${checkpoint.keyId})`,
          });
        } else if (hashNow === undefined) {
          problems.push({ checkpoint: described(checkpoint), why: `event ${checkpoint.seq} it vouches for is gone: events were deleted` });
        } else if (hashNow !== checkpoint.hash) {
          problems.push({
            checkpoint: described(checkpoint),
            why: `event ${checkpoint.seq} now has another hash: the chain up to it was rewritten and the hashes recomputed`,
          });
        }
      }
    }
    if (publicKeys && count === 0 && events > 0) {
      problems.push({ checkpoint: null, why: 'there is no checkpoint to check: none was written, or every one was deleted' });
    }
    return { count, signaturesChecked: publicKeys !== undefined, latest: latest && described(latest), problems };
  }

  return {
    async head(actor: Actor, organizationId: string): Promise<ChainHead> {
      await access.require(actor, organizationId, 'audit.read');
      const [head, latest] = await Promise.all([audit.head(), checkpoints.latest()]);
      return { head, checkpoint: latest && { ...described(latest), signature: latest.signature } };
    },

    async verifyAuditChain(actor: Actor, options: VerifyOptions = {}): Promise<ChainReport> {
      requireOperator(actor, 'verifies it');
      const found = await audit.inspectChain();
      const [events, head] = await Promise.all([audit.list({ limit: 1, offset: 0 }).then((p) => p.total), audit.head()]);
      const expectedHead = options.expectedHead ? await checkExpectedHead(options.expectedHead) : null;
      const checkpointsReport = await checkCheckpoints(options.publicKeys, events);
      let firstBreak: ChainReport['firstBreak'] = null;
      if (found !== null) {
        const event = await audit.findBySeq(found.seq);
        firstBreak = {
          ...found,
          type: event?.type ?? null,
          subject: event?.subject ?? null,
          occurredAt: event?.occurredAt ?? null,
          why: WHY[found.reason],
        };
      }
      const intact = firstBreak === null && (expectedHead?.outcome ?? 'matches') === 'matches' && checkpointsReport.problems.length === 0;
      return { intact, events, head, firstBreak, expectedHead, checkpoints: checkpointsReport };
    },

    /**
     * Signs the chain's head now, after checking the chain from the latest checkpoint this key signed (or from
     * the first event): a relinked or rewritten chain is never signed (ConflictError). An event altered in place
     * before that checkpoint stays visible to `assay verify` whatever is signed later: its stored hash no longer
     * matches it, and recomputing the hashes would move the checkpoint's. Null when the log is empty or the head
     * is already the latest checkpoint's.
     */
    async writeCheckpoint(actor: Actor, signer: CheckpointSigner): Promise<Checkpoint | null> {
      requireOperator(actor, 'signs it');
      const head = await audit.head();
      if (head === null) return null;
      const latest = await checkpoints.latest();
      if (latest && latest.seq === head.seq && latest.hash === head.hash) return null;
      const trusted = latest && signedByOneOf([signer.publicKey], latest, latest.signature) ? latest : null;
      if (trusted && (await audit.hashesAt([trusted.seq])).get(trusted.seq) !== trusted.hash) {
        throw new ConflictError(
          `The audit chain no longer passes through the checkpoint of event ${trusted.seq}: nothing is signed over it (run \`assay verify\`)`,
        );
      }
      const broken = await audit.inspectChain(undefined, trusted ?? undefined);
      if (broken !== null) {
        throw new ConflictError(`The audit chain breaks at event ${broken.seq} (${broken.reason}): nothing is signed over it (run \`assay verify\`)`);
      }
      const statement = { seq: head.seq, hash: head.hash, createdAt: toTimestamp(deps.clock()) };
      return checkpoints.create({ ...statement, keyId: signer.keyId, signature: signer.sign(statement) });
    },
  };
}

export type IntegrityService = ReturnType<typeof createIntegrityService>;
