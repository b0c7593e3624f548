/**
 * The risk register of an engagement: risks written by the programme (risk.manage), read by everyone in the
 * organisation (risk.read). Each risk is read with its assessment: inherent and residual risk, the residual
 * worked out from the linked controls' current conclusions and the latest monitoring runs (src/domain/risks),
 * never typed in. Every change is at the risk's version and audited in its transaction.
 */
import {
  NotFoundError,
  ValidationError,
  assessedRisk,
  controlStanding,
  isCriterionId,
  isoDate,
  type Risk,
  type RiskAssessment,
  type RiskFlag,
} from '../../domain/index.js';
import type { ChecksRepository } from '../../store/checks-repository.js';
import type { FindingsRepository } from '../../store/findings-repository.js';
import type { RisksRepository, StoredRisk, VendorLink } from '../../store/risks-repository.js';
import type { Executor, Trx } from '../../store/values.js';
import type { ExaminationService } from '../engagements/examination-service.js';
import { at, type EngagementScope } from '../engagements/engagement-scope.js';
import { failingControls, latestChecks } from '../monitoring/failing-controls.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';

/** What a person writes of a risk: everything but its code, which the register gives. */
export type RiskInput = Omit<Risk, 'code'>;

/** A risk as read: with its assessment and what needs attention as of today. */
export interface RiskView extends StoredRisk {
  assessment: RiskAssessment;
  flags: RiskFlag[];
}

export interface RiskRegister {
  /** The day the flags are as of. */
  today: string;
  risks: RiskView[];
}

/** What adding and changing a risk read and write. */
export interface RiskRecording {
  risks: Pick<RisksRepository, 'find' | 'create' | 'update' | 'nextCode'>;
  findings: Pick<FindingsRepository, 'takenCodes'>;
  audit: AuditLog;
}

async function requireRisk(risks: Pick<RisksRepository, 'find'>, engagementId: string, code: string, trx?: Executor): Promise<StoredRisk> {
  const risk = await risks.find(engagementId, code, trx);
  if (!risk) throw new NotFoundError(`Risk ${code}`);
  return risk;
}

const riskSubject = (engagementId: string, code: string) => `risk:${engagementId}/${code}`;

/**
 * Refuses, each at its JSON path, a link to what the engagement does not hold (a control, a finding), a
 * criterion that does not exist, and an accepted risk without its acceptance.
 */
async function checkLinks(findings: RiskRecording['findings'], engagementId: string, input: RiskInput, controls: { has(id: string): boolean }, trx: Trx) {
  const issues: { location: string; message: string }[] = [];
  input.controls.forEach((id, i) => {
    if (!controls.has(id)) issues.push({ location: at('controls', i), message: `${id} is not a control of the engagement` });
  });
  input.criteria.forEach((id, i) => {
    if (!isCriterionId(id)) issues.push({ location: at('criteria', i), message: `${id} is not a criterion` });
  });
  const taken = new Set(await findings.takenCodes(engagementId, input.findings, trx));
  input.findings.forEach((code, i) => {
    if (!taken.has(code)) issues.push({ location: at('findings', i), message: `${code} is not a finding of the engagement` });
  });
  if (input.treatment === 'accept' && input.acceptance === null) {
    issues.push({ location: at('acceptance'), message: 'an accepted risk needs its acceptance: who approved it, why, and until when' });
  }
  if (issues.length > 0) throw new ValidationError(issues, 'The risk is not valid');
}

/**
 * Adds a risk in the caller's transaction, its links checked against the engagement's `controls`, audited as
 * `risk.created`; its code the next of the register unless given (a taken one is a ConflictError).
 */
export async function addRisk(
  deps: RiskRecording,
  trx: Trx,
  actor: Actor,
  target: { organizationId: string; engagementId: string; controls: { has(id: string): boolean } },
  input: RiskInput,
  code?: string,
  raisedBy: VendorLink | null = null,
): Promise<StoredRisk> {
  const { organizationId, engagementId } = target;
  await checkLinks(deps.findings, engagementId, input, target.controls, trx);
  const risk = await deps.risks.create(engagementId, { ...input, code: code ?? (await deps.risks.nextCode(engagementId, trx)) }, trx, raisedBy);
  await deps.audit.record(trx, actor, { type: 'risk.created', organizationId, subject: riskSubject(engagementId, risk.code), after: risk });
  return risk;
}

/** Replaces what a person writes of the risk at `version` in the caller's transaction, audited as `risk.updated` with the risk before. */
export async function changeRisk(
  deps: RiskRecording,
  trx: Trx,
  actor: Actor,
  target: { organizationId: string; engagementId: string; controls: { has(id: string): boolean } },
  code: string,
  version: number,
  input: RiskInput,
): Promise<StoredRisk> {
  const { organizationId, engagementId } = target;
  const before = await requireRisk(deps.risks, engagementId, code, trx);
  await checkLinks(deps.findings, engagementId, input, target.controls, trx);
  const after = await deps.risks.update(engagementId, version, { ...input, code }, trx);
  await deps.audit.record(trx, actor, { type: 'risk.updated', organizationId, subject: riskSubject(engagementId, code), before, after });
  return after;
}

export function createRisksService(deps: {
  db: Executor;
  risks: RisksRepository;
  findings: Pick<FindingsRepository, 'takenCodes'>;
  lookup: EngagementScope;
  examination: Pick<ExaminationService, 'current'>;
  checks: Pick<ChecksRepository, 'list' | 'latestRuns'>;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
}) {
  const { db, risks, findings, lookup, examination, checks, access, audit, clock } = deps;
  const recording = { risks, findings, audit };

  /**
   * How each control of the engagement stands now: its conclusion, and whether a check testing it last failed;
   * with the conclusions themselves, which a change checks its links against.
   */
  async function standings(organizationId: string, engagementId: string) {
    const [{ conclusions }, latest] = await Promise.all([examination.current(organizationId, engagementId), latestChecks(checks, engagementId)]);
    return { conclusions, standing: controlStanding(conclusions, failingControls(latest)) };
  }

  return {
    /** The engagement's register, each risk assessed. */
    async list(actor: Actor, organizationId: string, engagementId: string): Promise<RiskRegister> {
      await access.require(actor, organizationId, 'risk.read');
      await lookup.engagement(organizationId, engagementId);
      const { standing } = await standings(organizationId, engagementId);
      const today = isoDate(clock());
      return { today, risks: (await risks.list(engagementId)).map((r) => assessedRisk(r, standing, today)) };
    },

    /** One risk with its assessment: which control sets its residual risk, and why. */
    async get(actor: Actor, organizationId: string, engagementId: string, code: string): Promise<RiskView> {
      await access.require(actor, organizationId, 'risk.read');
      await lookup.engagement(organizationId, engagementId);
      const risk = await requireRisk(risks, engagementId, code);
      return assessedRisk(risk, (await standings(organizationId, engagementId)).standing, isoDate(clock()));
    },

    /** A new risk, given the next code of the register (R-001, R-002, …) unless `code` is given (a workspace's file keeps its own); a taken code is a ConflictError. */
    async create(actor: Actor, organizationId: string, engagementId: string, input: RiskInput, code?: string): Promise<RiskView> {
      await access.require(actor, organizationId, 'risk.manage');
      const { conclusions, standing } = await standings(organizationId, engagementId);
      const created = await db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        return addRisk(recording, trx, actor, { organizationId, engagementId, controls: conclusions }, input, code);
      });
      return assessedRisk(created, standing, isoDate(clock()));
    },

    /** Replaces what a person writes of the risk, at `version` (a stale one: ConflictError, nothing changed). */
    async update(actor: Actor, organizationId: string, engagementId: string, code: string, version: number, input: RiskInput): Promise<RiskView> {
      await access.require(actor, organizationId, 'risk.manage');
      const { conclusions, standing } = await standings(organizationId, engagementId);
      const saved = await db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        return changeRisk(recording, trx, actor, { organizationId, engagementId, controls: conclusions }, code, version, input);
      });
      return assessedRisk(saved, standing, isoDate(clock()));
    },
  };
}

export type RisksService = ReturnType<typeof createRisksService>;
