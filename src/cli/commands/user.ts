/**
 * `assay user`: the operator's account commands. `add` puts a person in an organisation (with a new account
 * when they have none); `reset-password` prints a one-time link to set a new password (no e-mail needed);
 * `deactivate` / `reactivate` remove a person from the instance and back; `instance-admin` grants or withdraws
 * instance administration.
 */
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import { PASSWORD_RESET_PAGE, ROLES, isEmailAddress, oneTimeLink, type Role } from '../../domain/index.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { createServices, type Services } from '../../services/index.js';
import type { AccountChange } from '../../services/accounts/users-service.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import { envOf, type CliIO } from '../io.js';
import { choice } from '../options.js';
import { PUBLIC_URL_HELP, publicUrl, resolvePublicUrl } from '../public-url.js';

export const PASSWORD_ENV = 'ASSAY_PASSWORD';
/** Where `assay serve` listens by default: the reset link's address when none is configured. */
const DEFAULT_PUBLIC_URL = 'http://localhost:3000';
const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** A password for someone who will change it: 144 random bits, URL-safe, easy to paste. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

function email(value: string): string {
  if (!isEmailAddress(value)) throw new InvalidArgumentError('must be an email address');
  return value.trim();
}

interface StoreOptions {
  database?: string;
  format: Format;
}

/** Runs `work` with the services over the command's database. */
function withServices<T>(io: CliIO, options: StoreOptions, work: (services: Services) => Promise<T>): Promise<T> {
  return withStore(resolveDatabaseUrl(options.database, io), {}, (store) => work(createServices(store)));
}

function print(io: CliIO, format: Format, json: unknown, text: string): void {
  io.out(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
}

/** A command about one account, named by its email, over the database. */
function accountCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .argument('<email>', 'the email address of the account', email)
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text');
}

function registerStateCommands(user: Command, io: CliIO): void {
  const report = (options: StoreOptions, change: AccountChange, text: string) =>
    print(io, options.format, { email: change.user.email, changed: change.changed, deactivatedAt: change.user.deactivatedAt, instanceAdmin: change.user.instanceAdmin, sessionsEnded: change.sessionsEnded }, text);

  accountCommand(user, 'deactivate', 'remove a person from the instance: sign-in fails, their sessions end and their API tokens stop working (memberships and records stay)').action(
    async (address: string, options: StoreOptions) => {
      const change = await withServices(io, options, (s) => s.users.deactivate(OPERATOR, address));
      report(options, change, change.changed ? `Deactivated ${change.user.email}: ${change.sessionsEnded} session(s) ended; their API tokens no longer work` : `${change.user.email} was already deactivated (${change.sessionsEnded} session(s) ended)`);
    },
  );

  accountCommand(user, 'reactivate', 'let a deactivated person sign in again, with their memberships and API tokens').action(async (address: string, options: StoreOptions) => {
    const change = await withServices(io, options, (s) => s.users.reactivate(OPERATOR, address));
    report(options, change, change.changed ? `Reactivated ${change.user.email}` : `${change.user.email} was not deactivated`);
  });

  accountCommand(user, 'instance-admin', 'make a person an instance administrator (may create organisations), or no longer with --revoke')
    .option('--revoke', 'withdraw instance administration')
    .action(async (address: string, options: StoreOptions & { revoke?: boolean }) => {
      const grant = !options.revoke;
      const change = await withServices(io, options, (s) => s.users.setInstanceAdmin(OPERATOR, address, grant));
      report(options, change, `${change.user.email} is ${grant ? 'now' : 'no longer'} an instance administrator${change.changed ? '' : ' (unchanged)'}`);
    });
}

export function registerUser(program: Command, io: CliIO): void {
  const user = program.command('user').description('manage the people who sign in (the operator’s commands)');
  user
    .command('add')
    .description(`add a person to an organisation in a role; a new account gets --password, else $${PASSWORD_ENV}, else a generated password printed once`)
    .requiredOption('--email <email>', 'their email address (the sign-in name)', email)
    .requiredOption('--role <role>', ROLES.join(' | '), choice(ROLES))
    .requiredOption('--organization <slug>', 'the organisation')
    .option('--name <name>', 'their name as shown (default: the email)')
    .option('--password <password>', `initial password of a new account (visible to other local users in the process list: prefer $${PASSWORD_ENV})`)
    .option('--instance-admin', 'also make them an instance administrator (may create organisations)')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (options: StoreOptions & { email: string; role: Role; organization: string; name?: string; password?: string; instanceAdmin?: boolean }) => {
      const given = options.password ?? envOf(io)[PASSWORD_ENV];
      const password = given !== undefined && given !== '' ? given : generatePassword();
      const generated = password !== given;
      const { member, accountCreated } = await withServices(io, options, async (services) => {
        const organization = await services.workspace.organizationBySlug(OPERATOR, options.organization);
        return services.users.add(OPERATOR, organization.id, {
          email: options.email,
          role: options.role,
          password,
          instanceAdmin: options.instanceAdmin ?? false,
          ...(options.name !== undefined && { displayName: options.name }),
        });
      });
      const shownPassword = accountCreated && generated ? password : null;
      const instanceAdmin = options.instanceAdmin ?? false;
      const added = `Added ${member.email} to ${options.organization} as ${member.role}${accountCreated ? ' (new account)' : ' (existing account: its password is unchanged)'}${instanceAdmin ? ', an instance administrator' : ''}`;
      print(
        io,
        options.format,
        { email: member.email, userId: member.userId, organization: options.organization, role: member.role, accountCreated, instanceAdmin, password: shownPassword },
        shownPassword === null ? added : `${added}\n  password: ${shownPassword}   (shown once: keep it or change it after signing in)`,
      );
    });

  accountCommand(user, 'reset-password', 'print a one-time link (24 hours) with which the person sets a new password; using it ends all their sessions')
    .option('--public-url <url>', `${PUBLIC_URL_HELP}, else ${DEFAULT_PUBLIC_URL})`, publicUrl)
    .action(async (address: string, options: StoreOptions & { publicUrl?: string }) => {
      const base = resolvePublicUrl(options.publicUrl, io, DEFAULT_PUBLIC_URL);
      const issued = await withServices(io, options, (s) => s.passwords.issueReset(OPERATOR, address));
      const link = oneTimeLink(base, PASSWORD_RESET_PAGE, issued.secret);
      print(
        io,
        options.format,
        { email: issued.user.email, link, expiresAt: issued.expiresAt },
        [
          `Password-reset link for ${issued.user.email} (works once, until ${issued.expiresAt}; an earlier link no longer works):`,
          `  ${link}`,
          'Give it to them over a channel you trust: whoever opens it sets the password.',
        ].join('\n'),
      );
    });

  registerStateCommands(user, io);
}
