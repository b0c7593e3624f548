/**
 * The corrective action plan of each engagement. An engagement without a row has the domain's default
 * plan at version 0: the first save, at version 0, creates the row (version 1); later saves name the version
 * they read, like every other change (a stale one is a ConflictError with nothing written).
 */
import { DEFAULT_PLAN, type RemediationPlan, type VersionedPlan } from '../domain/remediation/index.js';
import { defaultDependencies, staleOrMissing, toTimestamp, translateConstraintErrors, type Executor, type StoreDependencies } from './values.js';

/** An engagement whose plan sends reminders to a webhook. */
export interface PlanWithWebhook extends VersionedPlan {
  engagementId: string;
  organizationId: string;
  webhookUrl: string;
}

const columns = ['remediation_plans.target_date', 'remediation_plans.webhook_url', 'remediation_plans.due_soon_days', 'remediation_plans.version'] as const;

const toPlan = (row: { target_date: string | null; webhook_url: string | null; due_soon_days: number; version: number }): VersionedPlan => ({
  targetDate: row.target_date,
  webhookUrl: row.webhook_url,
  dueSoonDays: Number(row.due_soon_days),
  version: Number(row.version),
});

export type RemediationPlansRepository = ReturnType<typeof createRemediationPlansRepository>;

export function createRemediationPlansRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  async function find(engagementId: string, trx?: Executor): Promise<VersionedPlan> {
    const row = await (trx ?? db).selectFrom('remediation_plans').select(columns).where('engagement_id', '=', engagementId).executeTakeFirst();
    return row ? toPlan(row) : { ...DEFAULT_PLAN, version: 0 };
  }

  return {
    /** The engagement's plan; the default plan at version 0 when none was saved. */
    find,

    /**
     * Writes the plan if `expectedVersion` is still current (0: none saved yet); else ConflictError and no
     * change. An engagement that does not exist is a NotFoundError.
     */
    async save(engagementId: string, expectedVersion: number, plan: RemediationPlan, trx?: Executor): Promise<VersionedPlan> {
      const executor = trx ?? db;
      const now = toTimestamp(deps.clock());
      const values = { target_date: plan.targetDate, webhook_url: plan.webhookUrl, due_soon_days: plan.dueSoonDays, updated_at: now };
      if (expectedVersion === 0) {
        // `on conflict do nothing`: a plan saved meanwhile leaves the transaction usable (PostgreSQL aborts on an error).
        const row = await translateConstraintErrors(
          () =>
            executor
              .insertInto('remediation_plans')
              .values({ engagement_id: engagementId, ...values, created_at: now })
              .onConflict((oc) => oc.column('engagement_id').doNothing())
              .returning(columns)
              .executeTakeFirst(),
          'The corrective action plan already exists',
          `Engagement ${engagementId}`,
        );
        if (row) return toPlan(row);
        throw staleOrMissing('The corrective action plan', 0, (await find(engagementId, executor)).version);
      }
      const row = await executor
        .updateTable('remediation_plans')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('engagement_id', '=', engagementId)
        .where('version', '=', expectedVersion)
        .returning(columns)
        .executeTakeFirst();
      if (row) return toPlan(row);
      const current = (await find(engagementId, executor)).version;
      // No row at all is version 0: the caller's version is stale, not the plan missing.
      throw staleOrMissing('The corrective action plan', expectedVersion, current);
    },

    /** Every plan with a webhook of an engagement in use, with its organisation, in engagement order (for `assay remind`). */
    async listWithWebhook(trx?: Executor): Promise<PlanWithWebhook[]> {
      const rows = await (trx ?? db)
        .selectFrom('remediation_plans')
        .innerJoin('engagements', 'engagements.id', 'remediation_plans.engagement_id')
        .select([...columns, 'engagements.id as engagement_id', 'engagements.organization_id'])
        .where('remediation_plans.webhook_url', 'is not', null)
        // An archived engagement is closed: nobody is reminded of it.
        .where('engagements.archived_at', 'is', null)
        .orderBy('engagements.organization_id')
        .orderBy('engagements.created_at')
        .orderBy('engagements.id')
        .execute();
      return rows.map((row) => ({
        ...toPlan(row),
        webhookUrl: row.webhook_url as string,
        engagementId: row.engagement_id,
        organizationId: row.organization_id,
      }));
    },
  };
}
