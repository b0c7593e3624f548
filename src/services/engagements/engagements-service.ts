/**
 * Engagements: one examination of one system for one period, with the settings the engine reads, checked by
 * the domain's rules that the workspace applies to `assay.yaml` (DESIGN §4).
 */
import {
  CATEGORIES,
  ValidationError,
  type ArchivedFilter,
  criteriaOfCategories,
  isRealDate,
  jsonPath,
  locateProblems,
  notApplicableProblems,
  periodProblems,
  type Category,
  type Issue,
  type NotApplicableCriterion,
  type PervasivenessThresholds,
  type SamplingSettings,
} from '../../domain/index.js';
import type { EngagementSettings, EngagementsRepository, StoredEngagement } from '../../store/engagements-repository.js';
import type { Executor, Page, Paged } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { at, type EngagementScope } from './engagement-scope.js';

/** A change of settings: the fields given; `sampling` and `pervasiveness` may give one of their two values. */
export type EngagementPatch = Partial<Omit<EngagementSettings, 'sampling' | 'pervasiveness'>> & {
  sampling?: Partial<SamplingSettings>;
  pervasiveness?: Partial<PervasivenessThresholds>;
};

export interface EngagementFilters {
  /** Text in the name or the system, ignoring case. */
  search?: string;
  reportType?: EngagementSettings['reportType'];
  /** Engagements in use (the default), all, or only the archived. */
  archived?: ArchivedFilter;
}

/** Security is always in scope (DESIGN §4); the others follow in the order given, once each. */
export function normalizeCategories(categories: readonly Category[]): Category[] {
  return [...new Set<Category>(['security', ...categories])];
}

/** Every problem with a whole set of engagement settings, located at its JSON path. */
export function checkEngagementSettings(settings: EngagementSettings): Issue[] {
  const issues: Issue[] = [];
  const { reportType, periodStart, periodEnd } = settings;
  if (!isRealDate(periodEnd)) issues.push({ location: at('periodEnd'), message: 'must be a real date written YYYY-MM-DD' });
  if (reportType === 'type2') {
    if (periodStart === null) {
      issues.push({ location: at('periodStart'), message: 'a type2 report needs periodStart (the start of the period)' });
    } else if (!isRealDate(periodStart)) {
      issues.push({ location: at('periodStart'), message: 'must be a real date written YYYY-MM-DD' });
    }
    issues.push(...locateProblems(periodProblems(settings), jsonPath));
  } else if (periodStart !== null) {
    issues.push({ location: at('periodStart'), message: 'a type1 report has no period: leave periodStart out (periodEnd is the "as of" date)' });
  }
  settings.categories.forEach((category, i) => {
    if (!(CATEGORIES as readonly string[]).includes(category)) {
      issues.push({ location: at('categories', i), message: `unknown category "${category}"` });
    }
  });
  const inScope = new Set(criteriaOfCategories(settings.categories).map((c) => c.id));
  const notApplicable = notApplicableProblems(settings.notApplicable.map((n) => n.criterion), inScope);
  issues.push(...locateProblems(notApplicable, ([i]) => at('notApplicable', i as number, 'criterion')));
  return issues;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The settings of an engagement (stored, or the engine's from a workspace or a carried-forward period) under `name`. */
export function settingsOf(engagement: Omit<EngagementSettings, 'name'>, name: string): EngagementSettings {
  const { system, reportType, periodStart, periodEnd, categories, notApplicable, sampling, pervasiveness, misstatements } = engagement;
  return { name, system, reportType, periodStart, periodEnd, categories, notApplicable, sampling, pervasiveness, misstatements };
}

/**
 * A criterion becomes not applicable only once the auditor accepts management's proposal (src/domain/criteria/
 * exclusions.ts): a change of settings may withdraw exclusions, never add one or change its reason.
 */
function refuseUnacceptedExclusions(accepted: readonly NotApplicableCriterion[], changed: readonly NotApplicableCriterion[] | undefined): void {
  if (changed === undefined) return;
  const reasons = new Map(accepted.map((n) => [n.criterion, n.reason]));
  const issues = changed.flatMap((n, i) =>
    reasons.get(n.criterion) === n.reason
      ? []
      : [{ location: at('notApplicable', i), message: `${n.criterion} is not applicable only once the auditor accepts it: propose it with its reason instead` }],
  );
  if (issues.length > 0) throw new ValidationError(issues, 'The engagement cannot be changed');
}

function refuseInvalid(settings: EngagementSettings, summary: string): void {
  const issues = checkEngagementSettings(settings);
  if (issues.length > 0) throw new ValidationError(issues, summary);
}

export function createEngagementsService(deps: {
  db: Executor;
  engagements: Pick<EngagementsRepository, 'create' | 'findById' | 'list' | 'update'>;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
}) {
  const { db, engagements, lookup, access, audit } = deps;

  return {
    async list(actor: Actor, organizationId: string, page: Page & EngagementFilters): Promise<Paged<StoredEngagement>> {
      await access.require(actor, organizationId, 'engagement.read');
      return engagements.list(organizationId, page);
    },

    async get(actor: Actor, organizationId: string, engagementId: string): Promise<StoredEngagement> {
      await access.require(actor, organizationId, 'engagement.read');
      return lookup.engagement(organizationId, engagementId);
    },

    async create(actor: Actor, organizationId: string, input: EngagementSettings): Promise<StoredEngagement> {
      await access.require(actor, organizationId, 'engagement.manage');
      const settings = { ...input, categories: normalizeCategories(input.categories) };
      refuseInvalid(settings, 'The engagement cannot be created');
      return db.transaction().execute(async (trx) => {
        const engagement = await engagements.create({ ...settings, organizationId }, trx);
        await audit.record(trx, actor, {
          type: 'engagement.created',
          organizationId,
          subject: `engagement:${engagement.id}`,
          after: engagement,
        });
        return engagement;
      });
    },

    /** Changes settings at `expectedVersion` (stale: ConflictError, nothing changed); the result is checked whole. */
    async update(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      expectedVersion: number,
      patch: EngagementPatch,
    ): Promise<StoredEngagement> {
      await access.require(actor, organizationId, 'engagement.manage');
      return db.transaction().execute(async (trx) => {
        const before = await lookup.engagementForChange(organizationId, engagementId, trx);
        const { sampling, pervasiveness, ...rest } = patch;
        const changes: Partial<EngagementSettings> = {
          ...rest,
          ...(patch.categories !== undefined && { categories: normalizeCategories(patch.categories) }),
          ...(sampling !== undefined && { sampling: { ...before.sampling, ...definedOnly(sampling) } }),
          ...(pervasiveness !== undefined && { pervasiveness: { ...before.pervasiveness, ...definedOnly(pervasiveness) } }),
        };
        // A stale caller hears of the conflict first: its view of the other fields may be what is wrong.
        if (before.version === expectedVersion) {
          refuseInvalid({ ...settingsOf(before, before.name), ...changes }, 'The engagement cannot be changed');
          refuseUnacceptedExclusions(before.notApplicable, changes.notApplicable);
        }
        const after = await engagements.update(engagementId, expectedVersion, changes, trx);
        await audit.record(trx, actor, {
          type: 'engagement.updated',
          organizationId,
          subject: `engagement:${engagementId}`,
          before,
          after,
        });
        return after;
      });
    },
  };
}

export type EngagementsService = ReturnType<typeof createEngagementsService>;
