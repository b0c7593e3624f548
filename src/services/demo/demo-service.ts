/**
 * The seeded demo (`assay demo`, `npm start`): a workspace imported into an organisation once, and one person
 * per role. Seeding again leaves what is there alone, so changes made while trying the demo survive a restart.
 *
 * The demo's accounts have a published password, so it seeds only an empty database, which it marks as its own,
 * or one it marked before: never a database that holds anything else.
 */
import { ConflictError, ForbiddenError, type Role } from '../../domain/index.js';
import type { DatabaseStanding, InstanceRepository } from '../../store/instance-repository.js';
import type { Organization, OrganizationsRepository } from '../../store/organizations-repository.js';
import type { Actor } from '../platform/actor.js';
import type { UsersService } from '../accounts/users-service.js';
import type { WorkspaceContent, WorkspaceStatements } from '../../workspace/write.js';
import type { WorkspaceService } from '../engagements/workspace-service.js';

export interface DemoPerson {
  email: string;
  role: Role;
  displayName: string;
}

export interface DemoSeed {
  organizationSlug: string;
  /**
   * The workspace: the examination, with its findings and root causes, its system description, risks and vendors
   * (each keeping its file's code) when it has any, imported as `assay import` imports them.
   */
  examination: WorkspaceContent & WorkspaceStatements;
  people: readonly DemoPerson[];
  /** The password of every demo account created now (accounts that exist keep theirs). */
  password: string;
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
}) {
  const { organizations, instance, workspace, users } = deps;

  return {
    async seed(actor: Actor, seed: DemoSeed): Promise<SeededDemo> {
      if (actor.kind !== 'operator') throw new ForbiddenError('Only the operator of the installation seeds the demo');
      const standing = await instance.standing();
      refuseUnlessDemo(standing, 'The database');
      if (standing.kind === 'empty') await instance.markDemo();
      const existing = await organizations.findBySlug(seed.organizationSlug);
      let organization = existing;
      if (organization === null) {
        organization = (await workspace.importWorkspace(actor, seed.examination, { organizationSlug: seed.organizationSlug })).organization;
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
