/**
 * What a kept run does to the check's finding, in the run's transaction: a failing run opens it, adds its new
 * failing items, or reopens it as a regression after closure; a passing run on a finding ready for retest is
 * its retest (the engine concludes on it as on any retest). The rules are the domain's (findings/monitoring.ts).
 */
import {
  findingFromCheck,
  monitoringFindingCode,
  nextCode,
  NotFoundError,
  recordFailingRun,
  retestFromRun,
  withConclusion,
  type CheckResult,
  type ItemOutcome,
} from '../../domain/index.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import type { FindingsRepository } from '../../store/findings-repository.js';
import type { Trx } from '../../store/values.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { retestContextOf, saveReopened } from '../findings/work.js';

export interface RunFindingsDependencies {
  findings: Pick<FindingsRepository, 'create' | 'findByCode' | 'update'>;
  controls: Pick<ControlsRepository, 'loadExamination'>;
  lookup: EngagementScope;
  audit: AuditLog;
}

export interface KeptRun {
  id: string;
  asOf: string;
  result: CheckResult;
  items: readonly ItemOutcome[];
  /** The controls the check tests: the first is the finding's control. */
  controls: readonly string[];
}

/** The finding the run opened, updated or retested, or null when it touched none. */
export async function applyRunToFindings(deps: RunFindingsDependencies, trx: Trx, actor: Actor, organizationId: string, engagementId: string, run: KeptRun): Promise<string | null> {
  const { findings, audit } = deps;
  const code = monitoringFindingCode(run.result.id);
  const subject = `finding:${engagementId}/${code}`;
  const before = await findings.findByCode(engagementId, code, trx);
  if (run.result.status === 'fail') {
    if (!before) {
      const control = await controlOf(deps, organizationId, engagementId, run.controls[0], trx);
      const created = await findings.create(engagementId, findingFromCheck(run.result, run.asOf, { control: control?.id ?? null, criteria: control?.criteria ?? [] }), trx);
      await audit.record(trx, actor, { type: 'finding.created', organizationId, subject, after: created });
      return code;
    }
    const after = recordFailingRun(before, run.result, run.asOf);
    if (after.status !== before.status) {
      await saveReopened(deps, trx, actor, organizationId, before, after);
    } else if (after.failedSamples.length !== before.failedSamples.length) {
      await findings.update(engagementId, before.version, after, trx);
      const items = after.failedSamples.slice(before.failedSamples.length).map((s) => s.item);
      await audit.record(trx, actor, { type: 'finding.items_added', organizationId, subject, after: { check: run.result.id, run: run.id, items } });
    }
    return code;
  }
  if (run.result.status !== 'pass' || before?.status !== 'ready_for_retest' || before.control === null) return null;
  const id = nextCode('RT', before.retests.map((r) => r.id));
  const retest = withConclusion(retestFromRun(run.result.id, before.control, run.asOf, run.items.map((i) => i.item), id), await retestContextOf(deps.controls, engagementId, trx));
  const saved = await findings.update(engagementId, before.version, { ...before, retests: [...before.retests, retest] }, trx);
  await audit.record(trx, actor, {
    type: 'finding.retested',
    organizationId,
    subject,
    before: { status: before.status, version: before.version },
    after: {
      status: saved.status,
      version: saved.version,
      retest: { id, control: retest.control, periodStart: retest.periodStart, periodEnd: retest.periodEnd, conclusion: retest.conclusion },
    },
  });
  return code;
}

async function controlOf(deps: RunFindingsDependencies, organizationId: string, engagementId: string, id: string | undefined, trx: Trx) {
  if (id === undefined) return null;
  return deps.lookup.control(organizationId, engagementId, id, trx).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
}
