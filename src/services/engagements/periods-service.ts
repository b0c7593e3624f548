/**
 * Periods: opening the next period of an engagement with its controls carried forward, comparing two periods
 * side by side, and the forecast after remediation, by the domain's rules (src/domain/periods). Nothing here
 * changes a period's own examination: remediation never erases a deviation.
 */
import {
  NotFoundError,
  ValidationError,
  carryFindingsForward,
  carryForward,
  comparePeriods,
  examine,
  forecastAfterRemediation,
  nextPeriodProblem,
  type AfterRemediation,
  type Comparison,
  type ExaminationResult,
  type Issue,
  type PeriodSummary,
  type ReExamination,
} from '../../domain/index.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import { replaceExamination } from '../../store/controls-examination.js';
import type { EngagementsRepository, StoredEngagement } from '../../store/engagements-repository.js';
import type { FindingsRepository } from '../../store/findings-repository.js';
import type { Executor, StoreDependencies } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { checkEngagementSettings, settingsOf } from './engagements-service.js';
import { at, type EngagementScope } from './engagement-scope.js';


export function createPeriodsService(deps: {
  db: Executor;
  engagements: Pick<EngagementsRepository, 'create' | 'findById'>;
  controls: Pick<ControlsRepository, 'loadExamination'>;
  findings: Pick<FindingsRepository, 'list' | 'listRootCauses' | 'create' | 'saveRootCause'>;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
  store: StoreDependencies;
}) {
  const { db, engagements, controls, findings, lookup, access, audit, store } = deps;

  const summary = (engagement: StoredEngagement, result: ExaminationResult): PeriodSummary => ({
    engagementId: engagement.id,
    name: engagement.name,
    periodStart: engagement.periodStart,
    periodEnd: engagement.periodEnd,
    opinion: result.opinion,
  });

  return {
    /**
     * Opens the next period of the engagement as a new engagement linked to it: its settings, controls and the
     * method of each test carried forward, no evidence (carryForward), and its findings but the false positives
     * with their root causes (carryFindingsForward), so a deficiency that returns reopens its finding. The new
     * period starts after this one ends. All or nothing, with an `engagement.created` audit event naming where
     * it was carried from.
     */
    async reExamine(actor: Actor, organizationId: string, engagementId: string, input: ReExamination): Promise<StoredEngagement> {
      await access.require(actor, organizationId, 'engagement.manage');
      return db.transaction().execute(async (trx) => {
        const previous = await lookup.engagement(organizationId, engagementId, trx);
        const next = carryForward(await controls.loadExamination(engagementId, trx), input);
        const settings = settingsOf(next.engagement, input.name);
        const problem = nextPeriodProblem(previous, input);
        const issues: Issue[] = [...(problem === null ? [] : [{ location: at('periodStart'), message: problem }]), ...checkEngagementSettings(settings)];
        if (issues.length > 0) throw new ValidationError(issues, 'The next period cannot be opened');

        const created = await engagements.create({ ...settings, organizationId, previousEngagementId: previous.id }, trx);
        const examined = await replaceExamination(trx, store, created.id, next);
        const inherited = carryFindingsForward(await findings.list(previous.id, {}, trx), await findings.listRootCauses(previous.id, trx));
        for (const rootCause of inherited.rootCauses) await findings.saveRootCause(created.id, rootCause, trx);
        for (const finding of inherited.findings) await findings.create(created.id, finding, trx);
        const carried = { ...examined, findings: inherited.findings.length, rootCauses: inherited.rootCauses.length };
        // Read again: storing the controls moved the revision on.
        const engagement = (await engagements.findById(created.id, trx)) as StoredEngagement;
        await audit.record(trx, actor, {
          type: 'engagement.created',
          organizationId,
          subject: `engagement:${engagement.id}`,
          after: { ...engagement, carriedFrom: previous.id, carried },
        });
        return engagement;
      });
    },

    /**
     * The engagement against another period of the organisation (`withId`; by default its previous one), the
     * earlier period first, so that better and worse read forward in time. NotFoundError when there is no
     * previous period and none is named, or the named one is not the organisation's.
     */
    async compare(actor: Actor, organizationId: string, engagementId: string, withId?: string): Promise<Comparison> {
      await access.require(actor, organizationId, 'examination.read');
      const engagement = await lookup.engagement(organizationId, engagementId);
      const otherId = withId ?? engagement.previousEngagementId;
      if (otherId === null) throw new NotFoundError(`A previous period of engagement ${engagement.name}`);
      const other = await lookup.engagement(organizationId, otherId);
      const [earlier, later] = other.periodEnd > engagement.periodEnd ? [engagement, other] : [other, engagement];
      const examined = async (e: StoredEngagement) => examine(await controls.loadExamination(e.id));
      const [before, after] = await Promise.all([examined(earlier), examined(later)]);
      return { before: summary(earlier, before), after: summary(later, after), ...comparePeriods(before, after) };
    },

    /**
     * The forecast if every control whose finding is closed by a passing retest operated as its retest found,
     * beside the period's own forecast, which stays as found.
     */
    async afterRemediation(actor: Actor, organizationId: string, engagementId: string): Promise<AfterRemediation> {
      await access.require(actor, organizationId, 'examination.read');
      await lookup.engagement(organizationId, engagementId);
      const [examination, worked] = await Promise.all([controls.loadExamination(engagementId), findings.list(engagementId)]);
      const forecast = forecastAfterRemediation(examination, worked);
      return { opinion: forecast.result.opinion, current: forecast.current.opinion, controls: forecast.controls, result: forecast.result };
    },
  };
}

export type PeriodsService = ReturnType<typeof createPeriodsService>;
