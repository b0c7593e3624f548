/**
 * Archiving instead of deleting. An engagement or a control is archived, never deleted, by those who manage it:
 * it becomes read-only (every change of it, or of what it holds, is a ConflictError naming why), leaves the
 * default lists, and an archived control leaves its engagement's examination. An admin restores it. Its record
 * stays exportable.
 *
 * Purging is the one deletion left, an admin's separate act on what is archived: in one transaction it writes the
 * complete record (for an engagement, its whole export; for a control, the control with its test and samples)
 * into the audit event, then deletes. A record larger than {@link MAX_PURGE_RECORD_BYTES} is refused, and the
 * data stays archived: the audit log is not a bulk store. An export larger than {@link MAX_EXPORT_RECORD_BYTES} is
 * refused too, as soon as the parts read pass it: the response is built in the server's memory.
 */
import { ConflictError, requireAccess, TooLargeError, type ControlTest } from '../../domain/index.js';
import { canonicalJson } from '../../store/canonical-json.js';
import type { ControlsRepository, StoredControl, StoredControlTest } from '../../store/controls-repository.js';
import { inOneSnapshot } from '../../store/controls-examination.js';
import type { EngagementsRepository, StoredEngagement } from '../../store/engagements-repository.js';
import { staleOrMissing, toTimestamp, type Executor, type Trx } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import {
  readEngagementRecord,
  recordedControl,
  type EngagementRecord,
  type EngagementRecordSources,
  type RecordedControl,
} from './engagement-record.js';
import type { EngagementScope } from './engagement-scope.js';

/** The largest record a purge writes into its audit event (canonical JSON, UTF-8). */
export const MAX_PURGE_RECORD_BYTES = 8 * 1024 * 1024;

/**
 * The largest record an export gives (canonical JSON, UTF-8): four times what a purge keeps, so every engagement a
 * purge accepts exports with room to spare, while one export holds at most this much text in the server's memory
 * (with the objects it is made from, a few times it).
 */
export const MAX_EXPORT_RECORD_BYTES = 4 * MAX_PURGE_RECORD_BYTES;

export interface ControlRecord {
  format: 'assay-control-record/1';
  engagementId: string;
  control: RecordedControl;
  test: ControlTest | null;
}

/** What a purge removed: the subject, and the size of the record its audit event keeps. */
export interface Purged {
  subject: string;
  recordBytes: number;
}

/** The test as the workspace has it, without the row's identity. */
function workspaceTest({ rowId: _row, controlRowId: _control, version: _version, ...test }: StoredControlTest): ControlTest {
  return test;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function createArchiveService(
  deps: EngagementRecordSources & {
    db: Executor;
    engagements: Pick<EngagementsRepository, 'setArchived' | 'remove'>;
    controls: Pick<ControlsRepository, 'setArchived' | 'remove' | 'list' | 'findTest'>;
    lookup: EngagementScope;
    access: Access;
    audit: AuditLog;
    clock: () => Date;
    /** For tests; default {@link MAX_PURGE_RECORD_BYTES}. */
    maxRecordBytes?: number;
    /** For tests; default {@link MAX_EXPORT_RECORD_BYTES}. */
    maxExportBytes?: number;
  },
) {
  const { db, engagements, controls, lookup, access, audit } = deps;
  const maxRecordBytes = deps.maxRecordBytes ?? MAX_PURGE_RECORD_BYTES;
  const maxExportBytes = deps.maxExportBytes ?? MAX_EXPORT_RECORD_BYTES;
  const now = () => toTimestamp(deps.clock());

  /** The record's size, or a ConflictError when the audit event could not hold it. */
  function measured(what: string, record: unknown): number {
    const bytes = Buffer.byteLength(canonicalJson(record), 'utf8');
    if (bytes > maxRecordBytes) {
      throw new ConflictError(
        `${what} cannot be purged: its record is ${megabytes(bytes)}, more than the ${megabytes(maxRecordBytes)} an audit event holds; it stays archived${bytes <= maxExportBytes ? ' (and exportable)' : ''}`,
      );
    }
    return bytes;
  }

  function refuseUnlessArchived(what: string, subject: { archivedAt: string | null; version: number }, expectedVersion: number): void {
    if (subject.archivedAt === null) throw new ConflictError(`${what} is not archived: only what is archived is restored or purged`);
    // Checked before the record is read and written, not only by the final write.
    if (subject.version !== expectedVersion) throw staleOrMissing(what, expectedVersion, subject.version);
  }

  async function archivedEngagement(organizationId: string, engagementId: string, expectedVersion: number, trx: Trx) {
    const before = await lookup.engagementForChange(organizationId, engagementId, trx, { archived: 'subject' });
    refuseUnlessArchived(`The engagement "${before.name}"`, before, expectedVersion);
    return before;
  }

  async function archivedControl(organizationId: string, engagementId: string, controlId: string, expectedVersion: number, trx: Trx) {
    const before = await lookup.controlForChange(organizationId, engagementId, controlId, trx, { archived: 'subject' });
    refuseUnlessArchived(`Control ${controlId}`, before, expectedVersion);
    return before;
  }

  /** Refuses to take away a control that others (in use, or any with `archived: 'include'`) compensate. */
  async function refuseCompensated(engagementId: string, controlId: string, archived: 'exclude' | 'include', trx: Trx): Promise<void> {
    const compensators = await controls.list(engagementId, { limit: 20, offset: 0, compensating: controlId, archived }, trx);
    if (compensators.total === 0) return;
    const ids = compensators.items.map((c) => `${c.id}${c.archivedAt === null ? '' : ' (archived)'}`).join(', ');
    const archivedOnes = compensators.items.some((c) => c.archivedAt !== null) ? ', or purge the archived ones' : '';
    throw new ConflictError(`Control ${controlId} is compensated by ${ids}: take it out of their compensates first${archivedOnes}`);
  }

  return {
    /** Archives the engagement at `expectedVersion`: read-only from now on, out of the default lists. */
    async archiveEngagement(actor: Actor, organizationId: string, engagementId: string, expectedVersion: number): Promise<StoredEngagement> {
      await access.require(actor, organizationId, 'engagement.manage');
      return db.transaction().execute(async (trx) => {
        const before = await lookup.engagementForChange(organizationId, engagementId, trx);
        const after = await engagements.setArchived(engagementId, expectedVersion, now(), trx);
        await audit.record(trx, actor, { type: 'engagement.archived', organizationId, subject: `engagement:${engagementId}`, before, after });
        return after;
      });
    },

    async restoreEngagement(actor: Actor, organizationId: string, engagementId: string, expectedVersion: number): Promise<StoredEngagement> {
      await access.require(actor, organizationId, 'archive.restore');
      return db.transaction().execute(async (trx) => {
        const before = await archivedEngagement(organizationId, engagementId, expectedVersion, trx);
        const after = await engagements.setArchived(engagementId, expectedVersion, null, trx);
        await audit.record(trx, actor, { type: 'engagement.restored', organizationId, subject: `engagement:${engagementId}`, before, after });
        return after;
      });
    },

    /** Writes the engagement's whole record into `engagement.purged`, then deletes the engagement with all it holds. */
    async purgeEngagement(actor: Actor, organizationId: string, engagementId: string, expectedVersion: number): Promise<Purged> {
      await access.require(actor, organizationId, 'archive.purge');
      return db.transaction().execute(async (trx) => {
        const before = await archivedEngagement(organizationId, engagementId, expectedVersion, trx);
        const record = await readEngagementRecord(trx, deps, before);
        const recordBytes = measured(`The engagement "${before.name}"`, record);
        const subject = `engagement:${engagementId}`;
        await audit.record(trx, actor, { type: 'engagement.purged', organizationId, subject, before: record });
        await engagements.remove(engagementId, expectedVersion, trx);
        return { subject, recordBytes };
      });
    },

    /**
     * The engagement's whole record (archived or not), as a purge would keep it; a TooLargeError when it is larger
     * than {@link MAX_EXPORT_RECORD_BYTES}, refused as soon as the parts read pass it.
     */
    async exportEngagement(actor: Actor, organizationId: string, engagementId: string): Promise<EngagementRecord> {
      // Each part is read under its own permission, so the table alone decides who sees it.
      const grant = await access.require(actor, organizationId, 'examination.read');
      for (const permission of ['engagement.read', 'finding.read', 'description.read', 'risk.read', 'vendor.read'] as const) requireAccess(grant, permission);
      const engagement = await lookup.engagement(organizationId, engagementId);
      const tooLarge = (size: string) => new TooLargeError(`The record of the engagement "${engagement.name}" (${size})`, maxExportBytes);
      let bytesRead = 0;
      const record = await inOneSnapshot(db, (trx) =>
        readEngagementRecord(trx, deps, engagement, (part) => {
          bytesRead += Buffer.byteLength(canonicalJson(part), 'utf8');
          if (bytesRead > maxExportBytes) throw tooLarge(`more than ${bytesRead} bytes`);
        }),
      );
      // The parts left out the keys between them: the whole is measured too, as a purge measures it.
      const bytes = Buffer.byteLength(canonicalJson(record), 'utf8');
      if (bytes > maxExportBytes) throw tooLarge(`${bytes} bytes`);
      return record;
    },

    /**
     * Archives a control at `expectedVersion`: read-only, out of the examination and the default lists. Refused
     * while a control in use compensates it (the examination would name a control it no longer has).
     */
    async archiveControl(actor: Actor, organizationId: string, engagementId: string, controlId: string, expectedVersion: number): Promise<StoredControl> {
      await access.require(actor, organizationId, 'control.manage');
      return db.transaction().execute(async (trx) => {
        const before = await lookup.controlForChange(organizationId, engagementId, controlId, trx);
        await refuseCompensated(engagementId, controlId, 'exclude', trx);
        const after = await controls.setArchived(before.rowId, expectedVersion, now(), trx);
        await audit.record(trx, actor, { type: 'control.archived', organizationId, subject: `control:${before.rowId}`, before, after });
        return after;
      });
    },

    /** Restores a control; refused while a control it compensates is not in use (restore that one first). */
    async restoreControl(actor: Actor, organizationId: string, engagementId: string, controlId: string, expectedVersion: number): Promise<StoredControl> {
      await access.require(actor, organizationId, 'archive.restore');
      return db.transaction().execute(async (trx) => {
        const before = await archivedControl(organizationId, engagementId, controlId, expectedVersion, trx);
        const codes = before.compensates;
        const inUse = codes.length === 0 ? [] : (await controls.list(engagementId, { limit: codes.length, offset: 0, codes }, trx)).items.map((c) => c.id);
        const missing = codes.filter((code) => !inUse.includes(code));
        if (missing.length > 0) {
          throw new ConflictError(`Control ${controlId} compensates ${missing.join(', ')}, which is not in use: restore it first`);
        }
        const after = await controls.setArchived(before.rowId, expectedVersion, null, trx);
        await audit.record(trx, actor, { type: 'control.restored', organizationId, subject: `control:${before.rowId}`, before, after });
        return after;
      });
    },

    /** Writes the control's record (with its test and samples) into `control.purged`, then deletes it. */
    async purgeControl(actor: Actor, organizationId: string, engagementId: string, controlId: string, expectedVersion: number): Promise<Purged> {
      await access.require(actor, organizationId, 'archive.purge');
      return db.transaction().execute(async (trx) => {
        const before = await archivedControl(organizationId, engagementId, controlId, expectedVersion, trx);
        await refuseCompensated(engagementId, controlId, 'include', trx);
        const record: ControlRecord = { format: 'assay-control-record/1', engagementId, control: recordedControl(before), test: await controls.findTest(before.rowId, trx).then((t) => t && workspaceTest(t)) };
        const recordBytes = measured(`Control ${controlId}`, record);
        const subject = `control:${before.rowId}`;
        await audit.record(trx, actor, { type: 'control.purged', organizationId, subject, before: record });
        await controls.remove(before.rowId, expectedVersion, trx);
        return { subject, recordBytes };
      });
    },
  };
}

export type ArchiveService = ReturnType<typeof createArchiveService>;
