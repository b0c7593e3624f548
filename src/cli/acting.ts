/**
 * What the commands against an engagement in the database share: the organisation and engagement options, and who
 * acts. By default the operator at the console (an admin everywhere); `--as EMAIL` acts as that member, whose role
 * in the organisation then decides what may be done and whom the audit log names (an auditor's decision is the
 * auditor's, not the operator's).
 */
import type { Command } from 'commander';
import { ValidationError } from '../domain/index.js';
import type { Actor } from '../services/platform/actor.js';
import { OPERATOR } from '../services/platform/actor.js';
import { createServices, type Services } from '../services/index.js';
import type { Store } from '../store/database.js';
import type { StoredEngagement } from '../store/engagements-repository.js';
import type { Organization } from '../store/organizations-repository.js';
import { createUsersRepository } from '../store/users-repository.js';
import { DATABASE_OPTION_HELP } from './database.js';

export interface EngagementOptions {
  organization: string;
  engagement?: string;
  as?: string;
  database?: string;
}

export interface Acting {
  services: Services;
  actor: Actor;
  organization: Organization;
  engagement: StoredEngagement;
}

/** Adds the options every command against one engagement takes. */
export function engagementOptions(command: Command): Command {
  return command
    .requiredOption('--organization <slug>', 'the organisation')
    .option('--engagement <name-or-id>', 'the engagement (needed when the organisation has more than one)')
    .option('--as <email>', 'act as this member of the organisation, with their role (default: the operator, an admin)')
    .option('--database <url>', DATABASE_OPTION_HELP);
}

/** Who acts, and the engagement named, as that actor sees it: a member of another organisation finds nothing. */
export async function actingOn(store: Store, options: EngagementOptions): Promise<Acting> {
  const services = createServices(store);
  let actor: Actor = OPERATOR;
  if (options.as !== undefined) {
    const user = await createUsersRepository(store.db).findByEmail(options.as);
    if (!user || user.deactivatedAt !== null) {
      throw new ValidationError([{ location: '--as', message: `no active account "${options.as}"` }], 'Who acts?');
    }
    actor = { kind: 'user', userId: user.id, email: user.email };
  }
  const found = await services.workspace.findEngagement(actor, {
    organizationSlug: options.organization,
    ...(options.engagement !== undefined && { engagement: options.engagement }),
  });
  return { services, actor, ...found };
}
