/** `assay user add`: a person in an organisation, with a new account when they have none. */
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import { ROLES, type Role } from '../../domain/index.js';
import { OPERATOR } from '../../services/actor.js';
import { createServices } from '../../services/index.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import { envOf, type CliIO } from '../io.js';
import { choice } from '../options.js';

export const PASSWORD_ENV = 'ASSAY_PASSWORD';
const FORMATS = ['text', 'json'] as const;

/** A password for someone who will change it: 144 random bits, URL-safe, easy to paste. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

function email(value: string): string {
  const trimmed = value.trim();
  // Loose on purpose: a local installation's first admin is admin@localhost.
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) throw new InvalidArgumentError('must be an email address');
  return trimmed;
}

export function registerUser(program: Command, io: CliIO): void {
  const user = program.command('user').description('manage the people who sign in');
  user
    .command('add')
    .description(`add a person to an organisation in a role; a new account gets --password, else $${PASSWORD_ENV}, else a generated password printed once`)
    .requiredOption('--email <email>', 'their email address (the sign-in name)', email)
    .requiredOption('--role <role>', ROLES.join(' | '), choice(ROLES))
    .requiredOption('--organization <slug>', 'the organisation')
    .option('--name <name>', 'their name as shown (default: the email)')
    .option('--password <password>', `initial password of a new account (visible to other local users in the process list: prefer $${PASSWORD_ENV})`)
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (options: { email: string; role: Role; organization: string; name?: string; password?: string; database?: string; format: (typeof FORMATS)[number] }) => {
      const given = options.password ?? envOf(io)[PASSWORD_ENV];
      const password = given !== undefined && given !== '' ? given : generatePassword();
      const generated = password !== given;
      const url = resolveDatabaseUrl(options.database, io);
      const { member, accountCreated } = await withStore(url, {}, async (store) => {
        const services = createServices(store);
        const organization = await services.workspace.organizationBySlug(OPERATOR, options.organization);
        return services.users.add(OPERATOR, organization.id, {
          email: options.email,
          role: options.role,
          password,
          ...(options.name !== undefined && { displayName: options.name }),
        });
      });
      const shownPassword = accountCreated && generated ? password : null;
      if (options.format === 'json') {
        io.out(`${JSON.stringify({ email: member.email, userId: member.userId, organization: options.organization, role: member.role, accountCreated, password: shownPassword }, null, 2)}\n`);
        return;
      }
      io.out(`Added ${member.email} to ${options.organization} as ${member.role}${accountCreated ? ' (new account)' : ' (existing account: its password is unchanged)'}\n`);
      if (shownPassword !== null) io.out(`  password: ${shownPassword}   (shown once: keep it or change it after signing in)\n`);
    });
}
