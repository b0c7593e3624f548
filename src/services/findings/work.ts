/**
 * What the findings services share (findings-service.ts, authoring.ts, management-responses-service.ts):
 * their dependencies, who signs a change, whether a finding is the actor's own, and the steps every change of a
 * finding takes (read it as it stands today, lock it at the caller's version, save it with its audit event).
 */
import { NotFoundError, expireAcceptedRisk, isoDate, type Finding, type FindingStepDetails, type FindingStepType, type RetestContext } from '../../domain/index.js';
import type { AuditRepository } from '../../store/audit-repository.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import type { FindingsRepository, StoredFinding } from '../../store/findings-repository.js';
import type { MembershipsRepository } from '../../store/memberships-repository.js';
import { staleOrMissing, type Executor, type Trx } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import { describeActor, personOf, type Actor } from '../platform/actor.js';
import type { AuditLog, StoredRecords } from '../platform/audit.js';
import { ownsControl, type EngagementScope } from '../engagements/engagement-scope.js';

/** What the findings services need: the store, the engagement's controls, the members, access, the audit log and the clock. */
export interface FindingsDependencies {
  db: Executor;
  memberships: Pick<MembershipsRepository, 'memberEmails'>;
  /** The audit log as written, read for who took each step of a finding. */
  auditEvents: Pick<AuditRepository, 'list'>;
  findings: Pick<FindingsRepository, 'create' | 'findByCode' | 'list' | 'update' | 'page' | 'saveRootCause' | 'rewriteRootCause' | 'findRootCause' | 'listRootCauses' | 'pageRootCauses'>;
  controls: Pick<ControlsRepository, 'loadExamination' | 'loadKeyedExamination'>;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
}

/**
 * Who did it, as a finding or a response records it: the person's email (through a token, its creator's, so
 * four eyes compare people, not sign-ins), else the actor as the audit log writes it.
 */
export function signatureOf(actor: Actor): string {
  return personOf(actor)?.email ?? describeActor(actor);
}

/**
 * Whether the finding is on a control the actor owns (for 'own' grants). A finding on no control, or on one
 * removed since, is no owner's: only the roles granted all may work it.
 */
export async function ownsFinding(
  lookup: EngagementScope,
  actor: Actor,
  organizationId: string,
  engagementId: string,
  finding: Pick<Finding, 'control'>,
  trx?: Executor,
): Promise<boolean> {
  if (finding.control === null) return false;
  const control = await lookup.control(organizationId, engagementId, finding.control, trx).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  return control !== null && ownsControl(actor, control);
}

/** What the closing rules need: the engagement's controls as examined, and its sampling settings. */
export async function retestContextOf(controls: Pick<ControlsRepository, 'loadExamination'>, engagementId: string, trx: Executor): Promise<RetestContext> {
  const examination = await controls.loadExamination(engagementId, trx);
  const byId = new Map(examination.controls.map((c) => [c.id, c]));
  return { control: (id) => byId.get(id), sampling: examination.engagement.sampling };
}

/**
 * A closed finding opened again because its failure is back (an examination's deficiency or a failing check):
 * saved at the version read, with `finding.reopened` giving the reason, in the caller's transaction.
 */
export async function saveReopened(
  deps: { findings: Pick<FindingsRepository, 'update'>; audit: AuditLog },
  trx: Trx,
  actor: Actor,
  organizationId: string,
  before: StoredFinding,
  after: Finding,
): Promise<StoredFinding> {
  const saved = await deps.findings.update(before.engagementId, before.version, after, trx);
  await deps.audit.record(trx, actor, {
    type: 'finding.reopened',
    organizationId,
    subject: `finding:${before.engagementId}/${before.code}`,
    before: { status: before.status, version: before.version },
    after: { status: saved.status, version: saved.version, reason: saved.history.at(-1)?.reason ?? null },
  });
  return saved;
}

/** The steps every change of a finding shares: read it as it stands today, lock it at a version, save and audit. */
export function findingsWork({ findings, controls, lookup, audit, clock }: FindingsDependencies) {
  /** An accepted risk past its expiry is open again, whether or not anyone has touched it since (read-time rule). */
  const current = (finding: StoredFinding, today: string): StoredFinding => ({ ...finding, ...expireAcceptedRisk(finding, today) });

  const retestContext = (engagementId: string, trx: Executor) => retestContextOf(controls, engagementId, trx);

  /** The finding to change, locked with its engagement, at the caller's version (stale: ConflictError). */
  async function forChange(organizationId: string, engagementId: string, code: string, version: number, trx: Trx) {
    await lookup.engagementForChange(organizationId, engagementId, trx);
    const found = await findings.findByCode(engagementId, code, trx);
    if (!found) throw new NotFoundError(`Finding ${code}`);
    if (found.version !== version) throw staleOrMissing(`Finding ${code}`, version, found.version);
    return current(found, isoDate(clock()));
  }

  /**
   * Writes the change at the version read and its audit event, in the caller's transaction; `details` and
   * `detailsBefore` add what the change was about, as it is and as it was.
   */
  async function save<T extends FindingStepType>(
    trx: Trx,
    actor: Actor,
    organizationId: string,
    before: StoredFinding,
    after: Finding,
    type: T,
    details: FindingStepDetails<StoredRecords>[T]['after'],
    detailsBefore: FindingStepDetails<StoredRecords>[T]['before'],
  ) {
    const saved = await findings.update(before.engagementId, before.version, after, trx);
    await audit.record(trx, actor, {
      type,
      organizationId,
      subject: `finding:${before.engagementId}/${before.code}`,
      before: { status: before.status, version: before.version, ...detailsBefore },
      after: { status: saved.status, version: saved.version, ...details },
    });
    return saved;
  }

  return { current, retestContext, forChange, save };
}

export type FindingsWork = ReturnType<typeof findingsWork>;
