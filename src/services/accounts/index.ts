/**
 * Accounts: who signs in and how (sessions, passwords, the sign-in throttle), organisations and their members,
 * invitations, API tokens, and who may create an organisation (the signup policy the workspace import asks too).
 */
import { createApiTokensRepository } from '../../store/api-tokens-repository.js';
import { createInvitationsRepository } from '../../store/invitations-repository.js';
import { createPasswordResetsRepository } from '../../store/password-resets-repository.js';
import { createSessionsRepository } from '../../store/sessions-repository.js';
import { createSignInThrottleRepository } from '../../store/sign-in-throttle-repository.js';
import { createUsersRepository } from '../../store/users-repository.js';
import type { Platform } from '../platform/index.js';
import { createAuthService } from './auth-service.js';
import { createInvitationsService } from './invitations-service.js';
import { createMembersService } from './members-service.js';
import { createOrganizationsService } from './organizations-service.js';
import { createPasswordsService } from './passwords-service.js';
import { createSessionOpener } from './sessions.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import { createSignupPolicy, type InstanceSettings } from './signup-policy.js';
import { createTokensService } from './tokens-service.js';
import { createUsersService } from './users-service.js';

export function createAccountsServices(platform: Platform, settings: InstanceSettings) {
  const { db, deps, clock, access, audit } = platform;
  const repositories = {
    ...platform.repositories,
    users: createUsersRepository(db, deps),
    sessions: createSessionsRepository(db, deps),
    tokens: createApiTokensRepository(db, deps),
  };
  const common = { db, access, audit };
  const signup = createSignupPolicy({ users: repositories.users, settings });
  const opener = createSessionOpener({ ...repositories, audit, clock });
  const throttle = createSignInThrottle({ throttle: createSignInThrottleRepository(db, deps), clock });
  const members = createMembersService({ ...repositories, ...common });
  return {
    signup,
    auth: createAuthService({ ...repositories, ...common, opener, throttle, clock }),
    passwords: createPasswordsService({ ...repositories, ...common, resets: createPasswordResetsRepository(db, deps), throttle, clock }),
    organizations: createOrganizationsService({ ...repositories, ...common, signup }),
    members,
    invitations: createInvitationsService({ ...repositories, ...common, invitations: createInvitationsRepository(db, deps), opener, clock }),
    tokens: createTokensService({ ...repositories, ...common, clock }),
    users: createUsersService({ ...repositories, ...common, members, clock }),
  };
}
