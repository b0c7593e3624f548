/**
 * The composition root: every service built over one store. The server decorates itself with this; the CLI
 * builds it directly. Each service names the few repositories it needs.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/database.js';
import { createApiTokensRepository } from '../store/api-tokens-repository.js';
import { createAuditRepository } from '../store/audit-repository.js';
import { createMembershipsRepository } from '../store/memberships-repository.js';
import { createOrganizationsRepository } from '../store/organizations-repository.js';
import { createSessionsRepository } from '../store/sessions-repository.js';
import { createUsersRepository } from '../store/users-repository.js';
import { createAccess } from './access.js';
import { createAuditLog } from './audit.js';
import { createAuthService } from './auth-service.js';
import { createMembersService } from './members-service.js';
import { createOrganizationsService } from './organizations-service.js';

export interface ServiceDependencies {
  clock: () => Date;
  newId: () => string;
}

export const defaultServiceDependencies: ServiceDependencies = { clock: () => new Date(), newId: randomUUID };

export function createServices(store: Store, deps: ServiceDependencies = defaultServiceDependencies) {
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
  return {
    access,
    auth: createAuthService({ ...repositories, ...common, clock: deps.clock }),
    organizations: createOrganizationsService({ ...repositories, ...common }),
    members: createMembersService({ ...repositories, ...common }),
  };
}

export type Services = ReturnType<typeof createServices>;
