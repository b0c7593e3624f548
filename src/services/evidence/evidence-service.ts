/**
 * The evidence store: files the organisation provides for an engagement, their bytes in the blob store by SHA-256,
 * a record each (src/domain/evidence/records.ts). Providing, superseding and deleting evidence is the
 * organisation's (`evidence.manage`: an owner for its own controls); every member reads it; the auditor never
 * alters it. Bytes are streamed into the blob store outside any transaction (a 50 MB upload holds no lock); the
 * records of one call are written together, and when anything fails the bytes it brought that no record names
 * are taken back, so nothing is half-written.
 */
import type { Readable } from 'node:stream';
import {
  NotFoundError,
  ValidationError,
  evidenceProblems,
  jsonPath,
  locateProblems,
  within,
  type EvidenceDescription,
  type Problem,
} from '../../domain/index.js';
import type { BlobCondition, BlobStore, Content, StoredBlob } from '../../store/blobs.js';
import type { ControlsRepository, StoredControl } from '../../store/controls-repository.js';
import type { EvidenceFilters, EvidenceRepository, StoredEvidence } from '../../store/evidence-repository.js';
import type { Executor, Page, Paged } from '../../store/values.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import { ownsControl } from '../engagements/engagement-scope.js';
import type { Access } from '../platform/access.js';
import { describeActor, personOf, requireOperator, type Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';

/** A file to store: its bytes as they arrive, and what describes it. */
export interface EvidenceFile extends EvidenceDescription {
  content: Content;
}

/** A replacement: what is not said is taken from the record it supersedes. */
export type Replacement = { content: Content; fileName: string } & Partial<Omit<EvidenceDescription, 'fileName'>>;

/** Bytes that are not what their address says, and the records that name them. */
export interface BlobProblem {
  sha256: string;
  condition: Exclude<BlobCondition, 'intact'>;
  records: { id: string; organizationId: string; engagementId: string; fileName: string }[];
}

export interface BlobReport {
  /** Where the bytes live: `database` or the folder. */
  location: string;
  checked: number;
  problems: BlobProblem[];
}

export interface EvidenceServiceDependencies {
  db: Executor;
  evidence: EvidenceRepository;
  controls: Pick<ControlsRepository, 'findByCode'>;
  blobs: BlobStore;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
  /** The most bytes one file may hold. */
  maxBytes: number;
}

export function createEvidenceService(deps: EvidenceServiceDependencies) {
  const { db, evidence, controls, blobs, lookup, access, audit, maxBytes } = deps;

  const describe = (file: EvidenceDescription): EvidenceDescription => ({
    fileName: file.fileName.trim(),
    mediaType: file.mediaType.trim().toLowerCase() || 'application/octet-stream',
    controls: file.controls.map((c) => c.trim()),
    coversFrom: file.coversFrom || null,
    coversTo: file.coversTo || null,
    source: file.source,
  });

  /**
   * The controls a file names, found in the engagement (in use), after checking the actor may provide evidence for
   * them: an owner only for controls it owns, and evidence for no control is the programme's.
   */
  async function controlsFor(actor: Actor, organizationId: string, engagementId: string, codes: readonly string[], trx?: Executor): Promise<StoredControl[]> {
    const found: StoredControl[] = [];
    const problems: Problem[] = [];
    for (const [index, code] of codes.entries()) {
      const control = await controls.findByCode(engagementId, code, trx);
      if (!control || control.archivedAt !== null) problems.push({ path: ['controls', index], message: `the engagement has no control ${code} in use` });
      else found.push(control);
    }
    if (problems.length > 0) throw new ValidationError(locateProblems(problems, jsonPath), 'The evidence names controls the engagement does not have');
    const owns = found.length > 0 && found.every((control) => ownsControl(actor, control));
    await access.require(actor, organizationId, 'evidence.manage', owns, trx);
    return found;
  }

  function checkDescription(file: EvidenceDescription, at: readonly (string | number)[]): void {
    const problems = within(at, evidenceProblems(file));
    if (problems.length > 0) throw new ValidationError(locateProblems(problems, jsonPath), `The file ${file.fileName} cannot be stored`);
  }

  /**
   * Bytes stored for this call that were not there before: taken back if the call fails. Bytes that were there
   * already are never taken back, even when no record names them now (a purged engagement's record may).
   */
  async function storeBytes(content: Content, fresh: string[]): Promise<StoredBlob> {
    const { sha256, size, added } = await blobs.put(content, { maxBytes });
    if (added && !fresh.includes(sha256)) fresh.push(sha256);
    return { sha256, size };
  }

  async function takeBack(fresh: readonly string[]): Promise<void> {
    for (const sha256 of fresh) if (!(await evidence.names(sha256))) await blobs.discard(sha256);
  }

  const write = (trx: Executor, actor: Actor, organizationId: string, engagementId: string, file: EvidenceDescription, blob: StoredBlob, found: StoredControl[]) =>
    evidence.create(
      {
        organizationId,
        engagementId,
        ...blob,
        fileName: file.fileName,
        mediaType: file.mediaType,
        controlRowIds: found.map((c) => c.rowId),
        coversFrom: file.coversFrom ?? null,
        coversTo: file.coversTo ?? null,
        collectedBy: describeActor(actor),
        collectedByUserId: personOf(actor)?.userId ?? null,
        source: file.source,
      },
      trx,
    );

  async function recordOf(actor: Actor, organizationId: string, engagementId: string, id: string, trx?: Executor): Promise<StoredEvidence> {
    await lookup.engagement(organizationId, engagementId, trx);
    const found = await evidence.findById(engagementId, id, trx);
    if (!found) throw new NotFoundError(`Evidence ${id}`);
    return found;
  }

  return {
    /** The most bytes one file may hold. */
    maxBytes,

    /**
     * Stores several files and their records, all or none. Files come one after another (a multipart upload as it
     * arrives): each is checked, its bytes streamed into the blob store within the limit, then every record is
     * written in one transaction with its audit event. Problems of the i-th file are at `$.files[i]`.
     */
    async addAll(actor: Actor, organizationId: string, engagementId: string, files: AsyncIterable<EvidenceFile> | Iterable<EvidenceFile>): Promise<StoredEvidence[]> {
      await access.require(actor, organizationId, 'engagement.read');
      await lookup.engagement(organizationId, engagementId);
      const fresh: string[] = [];
      try {
        const stored: { file: EvidenceDescription; blob: StoredBlob }[] = [];
        let index = 0;
        for await (const { content, ...given } of files) {
          const file = describe(given);
          checkDescription(file, ['files', index]);
          await controlsFor(actor, organizationId, engagementId, file.controls);
          stored.push({ file, blob: await storeBytes(content, fresh) });
          index += 1;
        }
        return await db.transaction().execute(async (trx) => {
          await lookup.engagementForChange(organizationId, engagementId, trx);
          const records: StoredEvidence[] = [];
          for (const { file, blob } of stored) {
            const found = await controlsFor(actor, organizationId, engagementId, file.controls, trx);
            const record = await write(trx, actor, organizationId, engagementId, file, blob, found);
            await audit.record(trx, actor, { type: 'evidence.added', organizationId, subject: `evidence:${record.id}`, after: record });
            records.push(record);
          }
          return records;
        });
      } catch (error) {
        await takeBack(fresh);
        throw error;
      }
    },

    /** Stores one file and its record. */
    async add(actor: Actor, organizationId: string, engagementId: string, file: EvidenceFile): Promise<StoredEvidence> {
      const [record] = await this.addAll(actor, organizationId, engagementId, [file]);
      if (!record) throw new Error('No evidence was stored');
      return record;
    },

    /** The engagement's evidence, newest first: what stands by default (`state: 'all'` for the whole record). */
    async list(actor: Actor, organizationId: string, engagementId: string, filters: EvidenceFilters & Page): Promise<Paged<StoredEvidence>> {
      await access.require(actor, organizationId, 'engagement.read');
      await lookup.engagement(organizationId, engagementId);
      return evidence.list(engagementId, filters);
    },

    async get(actor: Actor, organizationId: string, engagementId: string, id: string): Promise<StoredEvidence> {
      await access.require(actor, organizationId, 'engagement.read');
      return recordOf(actor, organizationId, engagementId, id);
    },

    /** A record and its bytes, for a download. A deleted record's bytes are kept, but not handed out. */
    async open(actor: Actor, organizationId: string, engagementId: string, id: string): Promise<{ record: StoredEvidence; content: Readable }> {
      const record = await this.get(actor, organizationId, engagementId, id);
      if (record.deletedAt !== null) throw new NotFoundError(`Evidence ${id} (deleted on ${record.deletedAt.slice(0, 10)})`);
      return { record, content: await blobs.get(record.sha256) };
    },

    /**
     * Replaces a record with a new file at the record's version: the new record is written, the old one marked
     * superseded by it (never edited). What the replacement does not say is the old record's.
     */
    async supersede(actor: Actor, organizationId: string, engagementId: string, id: string, expectedVersion: number, replacement: Replacement): Promise<StoredEvidence> {
      const old = await this.get(actor, organizationId, engagementId, id);
      await controlsFor(actor, organizationId, engagementId, old.controls);
      const file = describe({
        fileName: replacement.fileName,
        mediaType: replacement.mediaType ?? old.mediaType,
        controls: replacement.controls ?? old.controls,
        coversFrom: replacement.coversFrom === undefined ? old.coversFrom : replacement.coversFrom,
        coversTo: replacement.coversTo === undefined ? old.coversTo : replacement.coversTo,
        source: replacement.source ?? old.source,
      });
      checkDescription(file, []);
      await controlsFor(actor, organizationId, engagementId, file.controls);
      const fresh: string[] = [];
      try {
        const blob = await storeBytes(replacement.content, fresh);
        return await db.transaction().execute(async (trx) => {
          await lookup.engagementForChange(organizationId, engagementId, trx);
          const before = await recordOf(actor, organizationId, engagementId, id, trx);
          await controlsFor(actor, organizationId, engagementId, before.controls, trx);
          const found = await controlsFor(actor, organizationId, engagementId, file.controls, trx);
          const record = await write(trx, actor, organizationId, engagementId, file, blob, found);
          await evidence.supersede(engagementId, id, expectedVersion, record.id, trx);
          await audit.record(trx, actor, { type: 'evidence.superseded', organizationId, subject: `evidence:${id}`, before, after: record });
          return record;
        });
      } catch (error) {
        await takeBack(fresh);
        throw error;
      }
    },

    /**
     * Deletes a record at its version: a marker with who and why; the row, its hash and the bytes stay, and the
     * audit event keeps the record whole.
     */
    async remove(actor: Actor, organizationId: string, engagementId: string, id: string, expectedVersion: number, reason: string | null): Promise<StoredEvidence> {
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const before = await recordOf(actor, organizationId, engagementId, id, trx);
        await controlsFor(actor, organizationId, engagementId, before.controls, trx);
        const after = await evidence.markDeleted(engagementId, id, expectedVersion, { deletedBy: describeActor(actor), reason: reason?.trim() || null }, trx);
        await audit.record(trx, actor, { type: 'evidence.removed', organizationId, subject: `evidence:${id}`, before, after: { sha256: before.sha256, reason: after.deletionReason } });
        return after;
      });
    },

    /**
     * Reads every blob evidence names back and hashes it again (the operator's, for `assay verify`): a blob missing
     * or altered is named with the records that point to it. Deleted records' bytes are kept, so they are checked too.
     */
    async verifyBlobs(actor: Actor): Promise<BlobReport> {
      requireOperator(actor, 'checks every evidence file');
      const addresses = await evidence.addresses();
      const problems: BlobProblem[] = [];
      for (const sha256 of addresses) {
        const condition = await blobs.verify(sha256);
        if (condition !== 'intact') problems.push({ sha256, condition, records: await evidence.namedBy(sha256) });
      }
      return { location: blobs.location, checked: addresses.length, problems };
    },
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
