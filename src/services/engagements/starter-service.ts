/**
 * A first run: a new engagement that starts with the starter control set (tailored by the answers, mapped to its
 * categories), the starter controls added to an engagement that has none yet, and a workspace uploaded as a zip
 * imported as a new engagement. Each is one transaction with its audit events; bad input writes nothing.
 */
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/index.js';
import { starterControls, type StarterAnswers } from '../../domain/starter/index.js';
import type { ControlsRepository, StoredControl } from '../../store/controls-repository.js';
import type { EngagementSettings, EngagementsRepository, StoredEngagement } from '../../store/engagements-repository.js';
import type { OrganizationsRepository } from '../../store/organizations-repository.js';
import type { Executor, Trx } from '../../store/values.js';
import { readWorkspaceZip } from '../../workspace/zip.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import type { SignupPolicy } from '../accounts/signup-policy.js';
import type { EngagementScope } from './engagement-scope.js';
import { checkEngagementSettings, normalizeCategories } from './engagements-service.js';
import type { ImportResult, WorkspaceService } from './workspace-service.js';

export interface StartedEngagement {
  engagement: StoredEngagement;
  controls: StoredControl[];
}

export function createStarterService(deps: {
  db: Executor;
  engagements: Pick<EngagementsRepository, 'create'>;
  controls: Pick<ControlsRepository, 'create' | 'list'>;
  organizations: Pick<OrganizationsRepository, 'findById'>;
  lookup: EngagementScope;
  workspace: Pick<WorkspaceService, 'importWorkspace'>;
  signup: SignupPolicy;
  access: Access;
  audit: AuditLog;
}) {
  const { db, engagements, controls, lookup, workspace, access, audit } = deps;

  async function addControls(actor: Actor, organizationId: string, engagement: StoredEngagement, answers: StarterAnswers, trx: Trx): Promise<StoredControl[]> {
    const added: StoredControl[] = [];
    for (const control of starterControls(answers, engagement.categories)) {
      const created = await controls.create(engagement.id, control, trx);
      await audit.record(trx, actor, { type: 'control.created', organizationId, subject: `control:${created.rowId}`, after: created });
      added.push(created);
    }
    return added;
  }

  return {
    /** What the setup page offers this person: creating an organisation, when the installation lets them. */
    async setupOptions(actor: Actor): Promise<{ mayCreateOrganizations: boolean }> {
      const refusal = await deps.signup.requireMayCreateOrganization(actor).then(
        () => null,
        (error: unknown) => error,
      );
      if (refusal !== null && !(refusal instanceof ForbiddenError)) throw refusal;
      return { mayCreateOrganizations: refusal === null };
    },

    /** Creates the engagement and its starter controls, all or nothing; a problem is located under `$.engagement`. */
    async createEngagement(actor: Actor, organizationId: string, input: { engagement: EngagementSettings; answers: StarterAnswers }): Promise<StartedEngagement> {
      await access.require(actor, organizationId, 'engagement.manage');
      await access.require(actor, organizationId, 'control.manage');
      const { answers } = input;
      const settings = { ...input.engagement, categories: normalizeCategories(input.engagement.categories) };
      const issues = checkEngagementSettings(settings).map((i) => ({ ...i, location: i.location.replace(/^\$/, '$.engagement') }));
      if (issues.length > 0) throw new ValidationError(issues, 'The engagement cannot be created');
      return db.transaction().execute(async (trx) => {
        const engagement = await engagements.create({ ...settings, organizationId }, trx);
        await audit.record(trx, actor, { type: 'engagement.created', organizationId, subject: `engagement:${engagement.id}`, after: engagement });
        return { engagement, controls: await addControls(actor, organizationId, engagement, answers, trx) };
      });
    },

    /**
     * Adds the starter controls to an engagement that has none, archived ones included: adding them beside
     * controls someone wrote would mix two sets under clashing ids, so that is refused (409).
     */
    async addToEngagement(actor: Actor, organizationId: string, engagementId: string, answers: StarterAnswers): Promise<StartedEngagement> {
      await access.require(actor, organizationId, 'control.manage');
      return db.transaction().execute(async (trx) => {
        const engagement = await lookup.engagementForChange(organizationId, engagementId, trx);
        const existing = await controls.list(engagementId, { limit: 1, offset: 0, archived: 'include' }, trx);
        if (existing.total > 0) {
          throw new ConflictError(`The engagement "${engagement.name}" already has ${existing.total} control${existing.total === 1 ? '' : 's'}: the starter set is added only to an engagement without controls`);
        }
        return { engagement, controls: await addControls(actor, organizationId, engagement, answers, trx) };
      });
    },

    /**
     * A workspace folder uploaded as a zip, imported as a new engagement of the organisation. The zip is read
     * (within its limits) only after the caller is known to hold the right, and an engagement of the same name is
     * refused rather than replaced: an upload never overwrites recorded work.
     */
    async importZip(actor: Actor, organizationId: string, zip: Uint8Array): Promise<ImportResult> {
      await access.require(actor, organizationId, 'engagement.manage');
      await access.require(actor, organizationId, 'control.manage');
      const organization = await deps.organizations.findById(organizationId);
      if (organization === null) throw new NotFoundError('The organisation');
      const content = await readWorkspaceZip(zip);
      return workspace.importWorkspace(actor, content, { organizationSlug: organization.slug, newEngagementOnly: true });
    },
  };
}

export type StarterService = ReturnType<typeof createStarterService>;
