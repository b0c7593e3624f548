/**
 * The composition root: every service built over one store. The server decorates itself with this; the CLI
 * builds it directly. Each service names the few repositories it needs.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/database.js';
import { createApiTokensRepository } from '../store/api-tokens-repository.js';
import { createAuditCheckpointsRepository } from '../store/audit-checkpoints-repository.js';
import { createAuditRepository } from '../store/audit-repository.js';
import { createControlsRepository } from '../store/controls-repository.js';
import { createEngagementsRepository } from '../store/engagements-repository.js';
import { createFindingsRepository } from '../store/findings-repository.js';
import { createInstanceRepository } from '../store/instance-repository.js';
import { createInvitationsRepository } from '../store/invitations-repository.js';
import { createManagementResponsesRepository } from '../store/management-responses-repository.js';
import { createMembershipsRepository } from '../store/memberships-repository.js';
import { createOrganizationsRepository } from '../store/organizations-repository.js';
import { createPasswordResetsRepository } from '../store/password-resets-repository.js';
import { createRemediationPlansRepository } from '../store/remediation-plans-repository.js';
import { createSessionsRepository } from '../store/sessions-repository.js';
import { createSignInThrottleRepository } from '../store/sign-in-throttle-repository.js';
import { createSnapshotsRepository } from '../store/snapshots-repository.js';
import { createUsersRepository } from '../store/users-repository.js';
import { createAccess } from './access.js';
import { createArchiveService } from './archive-service.js';
import { createAuditLog } from './audit.js';
import { createAuditService } from './audit-service.js';
import { createAuthService } from './auth-service.js';
import { createControlTestsService } from './control-tests-service.js';
import { createControlsService } from './controls-service.js';
import { createDemoService } from './demo-service.js';
import { createEngagementsService } from './engagements-service.js';
import { createExaminationService } from './examination-service.js';
import { createFindingsService } from './findings-service.js';
import { createManagementResponsesService } from './management-responses-service.js';
import { createIntegrityService } from './integrity-service.js';
import { createInvitationsService } from './invitations-service.js';
import { createMembersService } from './members-service.js';
import { createOrganizationsService } from './organizations-service.js';
import { createOscalService } from './oscal-service.js';
import { createPasswordsService } from './passwords-service.js';
import { createPeriodsService } from './periods-service.js';
import { createProgrammeLookup } from './programme.js';
import { createRemediationService, type WebhookSettings } from './remediation-service.js';
import { createReportService } from './report-service.js';
import { createSessionOpener } from './sessions.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import { createSignupPolicy, DEFAULT_INSTANCE_SETTINGS, type InstanceSettings } from './signup-policy.js';
import { createTokensService } from './tokens-service.js';
import { createUsersService } from './users-service.js';
import { createWorkspaceService } from './workspace-service.js';

export interface ServiceDependencies {
  clock: () => Date;
  newId: () => string;
  /** Where reminder webhooks may go: public addresses only when not given (the CLI reads the instance's settings). */
  webhooks?: WebhookSettings;
}

export const defaultServiceDependencies: ServiceDependencies = { clock: () => new Date(), newId: randomUUID };

export function createServices(
  store: Store,
  deps: ServiceDependencies = defaultServiceDependencies,
  settings: InstanceSettings = DEFAULT_INSTANCE_SETTINGS,
) {
  const { db } = store;
  const repositories = {
    users: createUsersRepository(db, deps),
    organizations: createOrganizationsRepository(db, deps),
    memberships: createMembershipsRepository(db, deps),
    sessions: createSessionsRepository(db, deps),
    tokens: createApiTokensRepository(db, deps),
    audit: createAuditRepository(db, deps),
  };
  const access = createAccess(repositories);
  const audit = createAuditLog(repositories);
  const common = { db, access, audit };
  // Accounts: who signs in, how sessions open, and who may create an organisation.
  const signup = createSignupPolicy({ users: repositories.users, settings });
  const opener = createSessionOpener({ ...repositories, audit, clock: deps.clock });
  const throttle = createSignInThrottle({ throttle: createSignInThrottleRepository(db, deps), clock: deps.clock });
  // Engagements, controls, tests and samples: the programme. The examination service caches evaluations per
  // process, so it is built once here and shared by the controls service (conclusions in control lists).
  const programme = {
    engagements: createEngagementsRepository(db, deps),
    controls: createControlsRepository(db, deps),
    snapshots: createSnapshotsRepository(db, deps),
  };
  const lookup = createProgrammeLookup(programme);
  const examination = createExaminationService({ ...programme, access });
  const workspace = createWorkspaceService({ ...repositories, ...common, signup, engagements: programme.engagements, findings: createFindingsRepository(db, deps), responses: createManagementResponsesRepository(db, deps), store: deps });
  const members = createMembersService({ ...repositories, ...common });
  const users = createUsersService({ ...repositories, ...common, members, clock: deps.clock });
  return {
    access,
    auth: createAuthService({ ...repositories, ...common, opener, throttle, clock: deps.clock }),
    passwords: createPasswordsService({ ...repositories, ...common, resets: createPasswordResetsRepository(db, deps), throttle, clock: deps.clock }),
    organizations: createOrganizationsService({ ...repositories, ...common, signup }),
    members,
    invitations: createInvitationsService({ ...repositories, ...common, invitations: createInvitationsRepository(db, deps), opener, clock: deps.clock }),
    tokens: createTokensService({ ...repositories, ...common, clock: deps.clock }),
    workspace,
    users,
    integrity: createIntegrityService({ ...repositories, checkpoints: createAuditCheckpointsRepository(db, deps), access, clock: deps.clock }),
    demo: createDemoService({ ...repositories, instance: createInstanceRepository(db), workspace, users }),
    engagements: createEngagementsService({ ...programme, ...common, lookup }),
    archive: createArchiveService({
      ...programme,
      ...common,
      lookup,
      findings: createFindingsRepository(db, deps),
      responses: createManagementResponsesRepository(db, deps),
      plans: createRemediationPlansRepository(db, deps),
      clock: deps.clock,
    }),
    controls: createControlsService({ ...programme, ...common, lookup, examination }),
    tests: createControlTestsService({ ...programme, ...common, lookup }),
    examination,
    oscal: createOscalService({ ...common, lookup, findings: createFindingsRepository(db, deps), clock: deps.clock }),
    findings: createFindingsService({ ...programme, ...common, lookup, findings: createFindingsRepository(db, deps), clock: deps.clock }),
    managementResponses: createManagementResponsesService({
      ...common,
      lookup,
      findings: createFindingsRepository(db, deps),
      responses: createManagementResponsesRepository(db, deps),
      clock: deps.clock,
    }),
    remediation: createRemediationService({
      ...common,
      lookup,
      plans: createRemediationPlansRepository(db, deps),
      findings: createFindingsRepository(db, deps),
      clock: deps.clock,
      ...(deps.webhooks && { webhooks: deps.webhooks }),
    }),
    periods: createPeriodsService({ ...programme, ...common, lookup, findings: createFindingsRepository(db, deps), store: deps }),
    auditEvents: createAuditService({ ...repositories, ...programme, access, lookup }),
    reports: createReportService({
      ...common,
      ...repositories,
      lookup,
      findings: createFindingsRepository(db, deps),
      responses: createManagementResponsesRepository(db, deps),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
