/**
 * Workspaces in and out of the database. An import is all-or-nothing: in one transaction it finds or creates
 * the organisation, creates or updates the engagement's settings, replaces every control, test and sample, and
 * every finding, root cause and management response, records the system description, risks and vendors
 * (./workspace-statements.ts: never erased nor overwritten silently), and records `engagement.imported`. Over an engagement that
 * exists, recorded sample results are never erased (src/domain/reimport.ts): a test the import would change
 * that holds results is refused, or, asked for, kept whole in the control's history as a new test version starts. An export reads the
 * engagement back as the same `Examination` with its findings, root causes and management responses, so that
 * import → export → load gives what was imported.
 */
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  recordedResponseIssues,
  type Engagement,
  type Grant,
  type Issue,
} from '../../domain/index.js';
import { counted } from '../../domain/words.js';
import { planReimport, reimportRefusal, type ReimportPlan } from '../../domain/reimport.js';
import { inOneSnapshot, loadStoredTests, replaceExamination, type ReplaceCounts } from '../../store/controls-examination.js';
import type { StoredControlTest } from '../../store/controls-repository.js';
import type { ChecksRepository } from '../../store/checks-repository.js';
import type { EngagementsRepository, StoredEngagement } from '../../store/engagements-repository.js';
import { replaceFindings, type FindingsCounts } from '../../store/findings-replace.js';
import type { FindingsRepository } from '../../store/findings-repository.js';
import type { ManagementResponsesRepository } from '../../store/management-responses-repository.js';
import type { MembershipsRepository } from '../../store/memberships-repository.js';
import type { Organization, OrganizationsRepository } from '../../store/organizations-repository.js';
import type { Executor, StoreDependencies, Trx } from '../../store/values.js';
import type { WorkspaceContent, WorkspaceStatements } from '../../workspace/write.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { requireLeaveToRetire } from './control-tests-service.js';
import { readWorkspace } from './engagement-record.js';
import { settingsOf } from './engagements-service.js';
import { archivedConflict, at } from './engagement-scope.js';
import type { StatementsCounts, StatementsImport } from './workspace-statements.js';
import type { SignupPolicy } from '../accounts/signup-policy.js';
import { slugFor } from '../../domain/accounts/slug.js';

export { slugFor };

/** The slugs the API accepts: lower-case letters, digits and dashes, 2 to 63 characters. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export interface ImportTarget {
  /** The organisation to import into; default: derived from the workspace's organisation name. */
  organizationSlug?: string;
  /** The engagement to create or replace; default: {@link defaultEngagementName}. */
  engagementName?: string;
  /** Refuse (409) rather than replace an engagement of the same name: an upload never overwrites recorded work. */
  newEngagementOnly?: boolean;
  /**
   * Where the workspace would drop or change a test's recorded results, start a new test version from the
   * workspace and keep the stored test, whole, in the control's history (`test.superseded`); without it, such an
   * import is refused (409) naming each control.
   */
  newTestVersions?: boolean;
}

/** A stored test the import retired for a new version from the workspace: its control and how many results it held. */
export interface SupersededTest {
  control: string;
  results: number;
  /** Of those, the results the workspace dropped or changed. */
  changed: number;
}

export interface ImportResult {
  organization: Organization;
  organizationCreated: boolean;
  engagement: StoredEngagement;
  engagementCreated: boolean;
  counts: ReplaceCounts & FindingsCounts & StatementsCounts;
  /** Tests kept in their controls' history as the workspace started new versions (only with `newTestVersions`). */
  superseded: SupersededTest[];
  /** Things the importer did not change but a person should know (e.g. the organisation's name differs). */
  notes: string[];
}

export interface EngagementSelector {
  organizationSlug: string;
  /** The engagement's id or name; may be left out when the organisation has one engagement only. */
  engagement?: string;
}

/** The name a report download is saved under: `acme-cloud-inc-soc2-2026-06-30-poam.json`. */
export function reportFileName(organization: string, periodEnd: string, part: string): string {
  return `${slugFor(organization)}-soc2-${periodEnd}-${part}`;
}


/** The name an imported engagement gets unless one is given: the system and the period, so a new period is a new engagement. */
export function defaultEngagementName(engagement: Pick<Engagement, 'system' | 'reportType' | 'periodStart' | 'periodEnd'>): string {
  const period =
    engagement.reportType === 'type2' && engagement.periodStart !== null
      ? `${engagement.periodStart} to ${engagement.periodEnd}`
      : `as of ${engagement.periodEnd}`;
  return `${engagement.system}: SOC 2 ${engagement.reportType === 'type2' ? 'Type 2' : 'Type 1'}, ${period}`;
}

const PAGE = 1000;

/**
 * The loader checks a workspace's responses file by file; a workspace built another way is checked here: each
 * response belongs to one finding of the workspace, one a finding, and stands in its status (four eyes).
 */
function responseIssues(workspace: WorkspaceContent): Issue[] {
  const findings = new Set((workspace.findings ?? []).map((f) => f.code));
  const seen = new Set<string>();
  return (workspace.managementResponses ?? []).flatMap((response, i) => {
    const issues: Issue[] = [];
    if (!findings.has(response.finding)) issues.push({ location: at('managementResponses', i, 'finding'), message: `no finding "${response.finding}" in the workspace` });
    else if (seen.has(response.finding)) issues.push({ location: at('managementResponses', i, 'finding'), message: `a second response to ${response.finding}: a finding has one` });
    seen.add(response.finding);
    for (const { field, message } of recordedResponseIssues(response)) issues.push({ location: at('managementResponses', i, field), message });
    return issues;
  });
}

export function createWorkspaceService(deps: {
  db: Executor;
  organizations: Pick<OrganizationsRepository, 'create' | 'findBySlug' | 'findById'>;
  engagements: Pick<EngagementsRepository, 'create' | 'findById' | 'list' | 'update'>;
  memberships: Pick<MembershipsRepository, 'add'>;
  findings: Pick<FindingsRepository, 'list' | 'listRootCauses'>;
  responses: Pick<ManagementResponsesRepository, 'list'>;
  checks: Pick<ChecksRepository, 'list' | 'replaceAll'>;
  /** Records the workspace's system description, risks and vendors in the import's transaction. */
  statements: StatementsImport;
  signup: SignupPolicy;
  access: Access;
  audit: AuditLog;
  /** Ids and time for the rows the import writes. */
  store: StoreDependencies;
}) {
  const { db, organizations, engagements, memberships, signup, access, audit } = deps;

  /** Every engagement of the organisation with exactly this name, archived ones too (names are not unique in the store). */
  async function engagementsNamed(organizationId: string, name: string, trx: Executor): Promise<StoredEngagement[]> {
    const found: StoredEngagement[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await engagements.list(organizationId, { limit: PAGE, offset, search: name, archived: 'include' }, trx);
      found.push(...page.items.filter((e) => e.name === name));
      if (offset + PAGE >= page.total) return found;
    }
  }

  async function organizationBySlug(actor: Actor, slug: string): Promise<Organization> {
    const organization = await organizations.findBySlug(slug);
    // A non-member learns nothing: an organisation it cannot see does not exist for it.
    if (!organization || (await access.grantIn(actor, organization.id)) === null) {
      throw new NotFoundError(`The organisation "${slug}"`);
    }
    return organization;
  }

  /**
   * Each retired test, whole, in a `test.superseded` event on the test the workspace started (the control's history
   * reads it there), the reason saying it was an import and what it changed.
   */
  async function recordSuperseded(trx: Trx, actor: Actor, organizationId: string, engagementId: string, retired: StoredControlTest[], plan: ReimportPlan) {
    if (retired.length === 0) return [];
    const now = new Map((await loadStoredTests(trx, engagementId)).map((t) => [t.control, t]));
    const superseded: SupersededTest[] = [];
    for (const before of retired) {
      const after = now.get(before.control) as StoredControlTest;
      const changed = plan.atStake.find((t) => t.control === before.control)?.results.length ?? 0;
      const reason = `Imported from a workspace that drops or changes ${counted(changed, 'recorded result')} of ${counted(before.samples.length, 'recorded result')}`;
      await audit.record(trx, actor, { type: 'test.superseded', organizationId, subject: `test:${after.rowId}`, before, after: { ...after, reason } });
      superseded.push({ control: before.control, results: before.samples.length, changed });
    }
    return superseded;
  }

  return {
    /**
     * The workspace's findings, root causes and management responses replace the engagement's; a workspace without
     * any leaves it none. The responses are written as the workspace states them (who edited and approved them, and
     * when): the import is the operator's act, and `engagement.imported` records it.
     */
    async importWorkspace(actor: Actor, examination: WorkspaceContent & WorkspaceStatements, target: ImportTarget = {}): Promise<ImportResult> {
      const slug = target.organizationSlug ?? slugFor(examination.engagement.organization);
      if (!SLUG_PATTERN.test(slug)) {
        throw new ValidationError([{ location: 'organization', message: `"${slug}" is not a slug: lower-case letters, digits and dashes, 2 to 63 characters` }], 'Cannot import');
      }
      const name = target.engagementName ?? defaultEngagementName(examination.engagement);
      if (name.trim() === '') throw new ValidationError([{ location: 'engagement', message: 'must not be empty' }], 'Cannot import');
      const settings = settingsOf(examination.engagement, name);
      const issues = responseIssues(examination);
      if (issues.length > 0) throw new ValidationError(issues, 'The management responses are not valid');

      return db.transaction().execute(async (trx) => {
        const notes: string[] = [];
        let organization = await organizations.findBySlug(slug, trx);
        const organizationCreated = organization === null;
        let grant: Grant = 'admin';
        if (organization === null) {
          await signup.requireMayCreateOrganization(actor, trx);
          organization = await organizations.create({ slug, name: examination.engagement.organization }, trx);
          if (actor.kind === 'user') await memberships.add({ organizationId: organization.id, userId: actor.userId, role: 'admin' }, trx);
          await audit.record(trx, actor, { type: 'organization.created', organizationId: organization.id, subject: `organization:${organization.id}`, after: organization });
        } else {
          grant = await access.require(actor, organization.id, 'engagement.manage', false, trx);
          // Held by the same roles today; asked for apart so the import never writes what its caller may not.
          if (examination.description !== undefined) await access.require(actor, organization.id, 'description.edit', false, trx);
          if (examination.register !== undefined) {
            await access.require(actor, organization.id, 'risk.manage', false, trx);
            await access.require(actor, organization.id, 'vendor.manage', false, trx);
          }
          if (organization.name !== examination.engagement.organization) {
            notes.push(`The organisation "${slug}" is named "${organization.name}"; the workspace says "${examination.engagement.organization}" (the name was kept).`);
          }
        }
        const organizationId = organization.id;

        const existing = await engagementsNamed(organizationId, name, trx);
        if (existing.length > 1) {
          throw new ValidationError(
            [{ location: 'engagement', message: `${existing.length} engagements are named "${name}" (${existing.map((e) => e.id).join(', ')}); rename one first` }],
            'Cannot import',
          );
        }
        const before = existing[0] ?? null;
        if (before && target.newEngagementOnly) {
          throw new ConflictError(`The organisation already has an engagement named "${name}": an upload never replaces an engagement, so rename that one first`);
        }
        if (before?.archivedAt) throw archivedConflict(`The engagement "${name}"`, before.archivedAt);
        const engagement = before
          ? await engagements.update(before.id, before.version, settings, trx)
          : await engagements.create({ ...settings, organizationId }, trx);
        const stored = before ? await loadStoredTests(trx, engagement.id) : [];
        const plan = planReimport(stored, examination);
        const refusal = reimportRefusal(plan, target.newTestVersions === true);
        if (refusal) throw new ConflictError(refusal);
        const retired = stored.filter((test) => plan.atStake.some((t) => t.control === test.control));
        for (const test of retired) requireLeaveToRetire(grant, test);
        const replaced = {
          ...(await replaceExamination(trx, deps.store, engagement.id, examination, stored)),
          ...(await replaceFindings(trx, deps.store, engagement.id, {
            findings: examination.findings ?? [],
            rootCauses: examination.rootCauses ?? [],
            managementResponses: examination.managementResponses ?? [],
          })),
        };
        if (examination.checkFiles !== undefined) {
          const checks = await deps.checks.replaceAll(engagement.id, examination.checkFiles, trx);
          // A re-import that leaves every check as it was changes nothing the log should hold.
          if (checks.added + checks.updated + checks.retired > 0) {
            await audit.record(trx, actor, { type: 'checks.replaced', organizationId, subject: `engagement:${engagement.id}`, after: checks });
          }
        }
        // After the findings: the description's incidents and the risks name them.
        const controls = new Set(examination.controls.map((c) => c.id));
        const counts = { ...replaced, ...(await deps.statements.record(trx, { actor, organizationId, engagementId: engagement.id }, examination, controls, notes)) };
        await audit.record(trx, actor, {
          type: 'engagement.imported',
          organizationId,
          subject: `engagement:${engagement.id}`,
          before,
          after: { engagement, ...counts, created: before === null },
        });
        const superseded = await recordSuperseded(trx, actor, organizationId, engagement.id, retired, plan);
        return { organization, organizationCreated, engagement, engagementCreated: before === null, counts, superseded, notes };
      });
    },

    /**
     * The engagement (archived or not) as an Examination with its findings, root causes and management responses,
     * its system description (when one is recorded), risks and vendors: the shape a workspace holds. Archived
     * controls are not in it: the API's export has them.
     */
    async exportWorkspace(actor: Actor, organizationId: string, engagementId: string): Promise<Required<WorkspaceContent> & WorkspaceStatements> {
      for (const permission of ['examination.read', 'finding.read', 'description.read', 'risk.read', 'vendor.read'] as const) await access.require(actor, organizationId, permission);
      const engagement = await engagements.findById(engagementId);
      if (!engagement || engagement.organizationId !== organizationId) throw new NotFoundError('The engagement');
      // One snapshot, so the findings, the description and the register are those of the examination read.
      return inOneSnapshot(db, async (trx) => ({ ...(await readWorkspace(trx, deps, engagementId)), ...(await deps.statements.read(trx, engagementId)) }));
    },

    /** Finds an organisation by slug and one of its engagements by id or name (or its only one). */
    async findEngagement(actor: Actor, selector: EngagementSelector): Promise<{ organization: Organization; engagement: StoredEngagement }> {
      const organization = await organizationBySlug(actor, selector.organizationSlug);
      await access.require(actor, organization.id, 'engagement.read');
      const wanted = selector.engagement;
      if (wanted !== undefined) {
        const byId = await engagements.findById(wanted);
        if (byId && byId.organizationId === organization.id) return { organization, engagement: byId };
        const named = await engagementsNamed(organization.id, wanted, db);
        if (named.length === 1) return { organization, engagement: named[0] as StoredEngagement };
        if (named.length > 1) {
          throw new ValidationError([{ location: 'engagement', message: `${named.length} engagements are named "${wanted}": give one of their ids (${named.map((e) => e.id).join(', ')})` }], 'Which engagement?');
        }
        throw new NotFoundError(`The engagement "${wanted}" of "${organization.slug}"`);
      }
      const all = await engagements.list(organization.id, { limit: 2, offset: 0 });
      if (all.total === 1) return { organization, engagement: all.items[0] as StoredEngagement };
      if (all.total === 0) throw new NotFoundError(`An engagement of "${organization.slug}"`);
      const names = await engagements.list(organization.id, { limit: 20, offset: 0 });
      throw new ValidationError(
        names.items.map((e) => ({ location: 'engagement', message: `"${e.name}" (${e.id})` })),
        `"${organization.slug}" has ${all.total} engagements: choose one with --engagement`,
      );
    },

    organizationBySlug,
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
