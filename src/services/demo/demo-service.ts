/**
 * The seeded demo (`assay demo`, `npm start`): a workspace imported into an organisation once, and one person
 * per role. Seeding again leaves what is there alone, so changes made while trying the demo survive a restart.
 *
 * The demo's accounts have a published password, so it seeds only an empty database, which it marks as its own,
 * or one it marked before: never a database that holds anything else.
 */
import { ConflictError, ForbiddenError, type Role, type SystemDescription } from '../../domain/index.js';
import type { DescriptionService } from '../description/description-service.js';
import type { DatabaseStanding, InstanceRepository } from '../../store/instance-repository.js';
import type { Organization, OrganizationsRepository } from '../../store/organizations-repository.js';
import type { Actor } from '../platform/actor.js';
import type { UsersService } from '../accounts/users-service.js';
import type { WorkspaceRegister } from '../../workspace/register.js';
import type { WorkspaceContent } from '../../workspace/write.js';
import type { WorkspaceService } from '../engagements/workspace-service.js';
import type { RisksService } from '../risks/risks-service.js';
import type { VendorsService } from '../vendors/vendors-service.js';

export interface DemoPerson {
  email: string;
  role: Role;
  displayName: string;
}

export interface DemoSeed {
  organizationSlug: string;
  /** The workspace: the examination, with its findings and root causes when it has any. */
  examination: WorkspaceContent;
  people: readonly DemoPerson[];
  /** The password of every demo account created now (accounts that exist keep theirs). */
  password: string;
  /** The system description recorded with the engagement when it is imported, if the workspace has one. */
  description?: SystemDescription;
  /** Risks and vendors added to the engagement when it is imported (its controls must hold what they link). */
  register?: WorkspaceRegister;
}

export interface SeededDemo {
  organization: Organization;
  /** False when the organisation was there already and nothing was imported. */
  imported: boolean;
  people: (DemoPerson & { added: boolean; accountCreated: boolean })[];
}

/** Refuses a database that holds anything but the demo; `database` names it in the message. */
export function refuseUnlessDemo(standing: DatabaseStanding, database: string): void {
  if (standing.kind !== 'other') return;
  throw new ConflictError(
    `${database} holds data that is not the demo's (the table "${standing.table}" has rows). The demo creates accounts with a published password, so it runs only on an empty database or on one it made: choose another database`,
  );
}

export function createDemoService(deps: {
  organizations: Pick<OrganizationsRepository, 'findBySlug'>;
  instance: Pick<InstanceRepository, 'standing' | 'markDemo'>;
  workspace: Pick<WorkspaceService, 'importWorkspace'>;
  users: Pick<UsersService, 'ensureMember'>;
  description: Pick<DescriptionService, 'update'>;
  risks: Pick<RisksService, 'create'>;
  vendors: Pick<VendorsService, 'create' | 'recordReport'>;
}) {
  const { organizations, instance, workspace, users, description, risks, vendors } = deps;

  /** The register as the workspace writes it: each risk and vendor keeps its file's code. */
  async function addRegister(actor: Actor, organizationId: string, engagementId: string, register: WorkspaceRegister) {
    for (const { code, ...risk } of register.risks) await risks.create(actor, organizationId, engagementId, risk, code);
    for (const { vendor: { code, ...vendor }, reports } of register.vendors) {
      await vendors.create(actor, organizationId, engagementId, vendor, code);
      for (const report of reports) await vendors.recordReport(actor, organizationId, engagementId, code, report);
    }
  }

  return {
    async seed(actor: Actor, seed: DemoSeed): Promise<SeededDemo> {
      if (actor.kind !== 'operator') throw new ForbiddenError('Only the operator of the installation seeds the demo');
      const standing = await instance.standing();
      refuseUnlessDemo(standing, 'The database');
      if (standing.kind === 'empty') await instance.markDemo();
      const existing = await organizations.findBySlug(seed.organizationSlug);
      let organization = existing;
      if (organization === null) {
        const imported = await workspace.importWorkspace(actor, seed.examination, { organizationSlug: seed.organizationSlug });
        organization = imported.organization;
        if (seed.description) await description.update(actor, organization.id, imported.engagement.id, 0, seed.description);
        if (seed.register) await addRegister(actor, organization.id, imported.engagement.id, seed.register);
      }
      const people = [];
      for (const person of seed.people) {
        const result = await users.ensureMember(actor, organization.id, { ...person, password: seed.password });
        people.push({ ...person, added: result.added, accountCreated: result.accountCreated });
      }
      return { organization, imported: existing === null, people };
    },
  };
}

export type DemoService = ReturnType<typeof createDemoService>;
