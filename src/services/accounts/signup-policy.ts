/**
 * Who may create an organisation. By default the installation's instance administrators only (and the operator):
 * an organisation's admin invites people, so letting anyone create one lets anyone invite. `assay serve
 * --allow-signup` opens it to every signed-in person. An API token belongs to one organisation and never creates
 * another.
 */
import { ForbiddenError } from '../../domain/index.js';
import type { UsersRepository } from '../../store/users-repository.js';
import type { Executor } from '../../store/values.js';
import type { Actor } from '../platform/actor.js';

export interface InstanceSettings {
  /** Any signed-in person may create an organisation (and becomes its admin). */
  allowSignup: boolean;
}

export const DEFAULT_INSTANCE_SETTINGS: InstanceSettings = { allowSignup: false };

export function createSignupPolicy(deps: { users: Pick<UsersRepository, 'findById'>; settings: InstanceSettings }) {
  return {
    async requireMayCreateOrganization(actor: Actor, trx?: Executor): Promise<void> {
      if (actor.kind === 'operator') return;
      if (actor.kind === 'token') throw new ForbiddenError('An API token belongs to one organisation and cannot create another');
      if (deps.settings.allowSignup) return;
      const user = await deps.users.findById(actor.userId, trx);
      if (!user?.instanceAdmin) {
        throw new ForbiddenError('Only an instance administrator creates organisations on this installation; ask the operator');
      }
    },
  };
}

export type SignupPolicy = ReturnType<typeof createSignupPolicy>;
