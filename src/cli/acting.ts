/**
 * What the commands against an engagement in the database share: the organisation and engagement options, and who
 * acts. By default the operator at the console (an admin everywhere); `--as EMAIL` acts as that member, proven by
 * their password (`$ASSAY_PASSWORD`), whose role in the organisation then decides what may be done and whom the
 * audit log names. The password is what keeps the console from deciding in the auditor's name: an auditor's
 * decision is the auditor's, not the operator's.
 */
import { Option, type Command } from 'commander';
import { ValidationError } from '../domain/index.js';
import type { Actor } from '../services/platform/actor.js';
import { OPERATOR } from '../services/platform/actor.js';
import { verifyPassword } from '../services/platform/passwords.js';
import { createServices, type Services } from '../services/index.js';
import type { Store } from '../store/database.js';
import type { StoredEngagement } from '../store/engagements-repository.js';
import type { Organization } from '../store/organizations-repository.js';
import { createUsersRepository } from '../store/users-repository.js';
import { DATABASE_OPTION_HELP } from './database.js';
import { envOf, type CliIO } from './io.js';

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

/**
 * Adds the options every command against one engagement takes; `--organization` may be left optional by a command
 * that can read a workspace folder instead, which then requires it itself when it reads the database.
 */
export function engagementOptions(command: Command, { organizationRequired = true } = {}): Command {
  return command
    .addOption(new Option('--organization <slug>', 'the organisation').makeOptionMandatory(organizationRequired))
    .option('--engagement <name-or-id>', 'the engagement (needed when the organisation has more than one)')
    .option('--as <email>', 'act as this member of the organisation, with their role, their password in $ASSAY_PASSWORD (default: the operator, an admin)')
    .option('--database <url>', DATABASE_OPTION_HELP);
}

/** The member `email`, proven by the password in `$ASSAY_PASSWORD`; refused at `--as` otherwise. */
async function member(store: Store, io: CliIO, email: string): Promise<Actor> {
  const refuse = (message: string) => new ValidationError([{ location: '--as', message }], 'Who acts?');
  const password = envOf(io).ASSAY_PASSWORD;
  if (password === undefined || password === '') throw refuse(`give the password of ${email} in $ASSAY_PASSWORD: acting as a member takes their password`);
  const users = createUsersRepository(store.db);
  const credentials = await users.findCredentials(email);
  // One answer for an unknown account, a wrong password and a deactivated account, as at sign-in.
  const user = credentials?.active && (await verifyPassword(credentials.passwordHash, password)) ? await users.findById(credentials.userId) : null;
  if (!user) throw refuse(`no active account ${email} with the password in $ASSAY_PASSWORD`);
  return { kind: 'user', userId: user.id, email: user.email };
}

/** Who acts, and the engagement named, as that actor sees it: a member of another organisation finds nothing. */
export async function actingOn(store: Store, io: CliIO, options: EngagementOptions): Promise<Acting> {
  const services = createServices(store);
  const actor = options.as === undefined ? OPERATOR : await member(store, io, options.as);
  const found = await services.workspace.findEngagement(actor, {
    organizationSlug: options.organization,
    ...(options.engagement !== undefined && { engagement: options.engagement }),
  });
  return { services, actor, ...found };
}
