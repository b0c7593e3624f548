/**
 * `assay serve`: the REST API (and its docs) over one database, until SIGINT / SIGTERM (or the CliIO's
 * signal, in tests). On a database nobody can sign in to yet, it creates the first admin (an instance
 * administrator) and prints the login once. Its settings for what is in front of it (a proxy, TLS), who may
 * create organisations and what it logs are listed in docs/security.md.
 */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { FastifyInstance } from 'fastify';
import { isIP, type AddressInfo } from 'node:net';
import { ValidationError } from '../../domain/index.js';
import { buildApp, type TrustProxy } from '../../server/app.js';
import { LOG_LEVELS, type LogLevel } from '../../server/logging.js';
import { OPERATOR } from '../../services/platform/actor.js';
import type { CheckpointSigner } from '../../services/audit-log/checkpoint-signature.js';
import { createServices, type Services } from '../../services/index.js';
import { CHECKPOINT_KEY_ENV, CHECKPOINT_KEY_OPTION_HELP, checkpointKeyPath, readCheckpointKey } from '../checkpoint-key.js';
import { DATABASE_OPTION_HELP, describeDatabase, openStore, resolveDatabaseUrl } from '../database.js';
import { envOf, type CliIO } from '../io.js';
import { choice, wholeNumber } from '../options.js';
import { PUBLIC_URL_HELP, publicUrl, resolvePublicUrl } from '../public-url.js';
import { generatePassword } from './user.js';
import { servicesWithWebhooks } from '../webhooks.js';

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = 'localhost';
export const ADMIN_EMAIL_ENV = 'ASSAY_ADMIN_EMAIL';
export const ADMIN_PASSWORD_ENV = 'ASSAY_ADMIN_PASSWORD';
export const TRUST_PROXY_ENV = 'ASSAY_TRUST_PROXY';
export const LOG_LEVEL_ENV = 'ASSAY_LOG_LEVEL';
export const RENDER_TIME_LIMIT_ENV = 'ASSAY_RENDER_TIME_LIMIT_SECONDS';
export const DEFAULT_CHECKPOINT_MINUTES = 60;

/** Signed checkpoints of the audit chain while the server runs: on start, then every so many minutes. */
export interface CheckpointSchedule {
  signer: CheckpointSigner;
  everyMinutes: number;
}

export interface ServerOptions {
  databaseUrl: string;
  port: number;
  host: string;
  /** False only for plain HTTP on a loopback address (`--insecure-cookies`, the demo). */
  secureCookies: boolean;
  trustProxy: TrustProxy;
  /** Any signed-in person may create an organisation (default: instance administrators only). */
  allowSignup: boolean;
  publicUrl: string | null;
  logLevel: LogLevel;
  /** How long one report job's render may take: the renderer's default when not given. */
  renderTimeLimitMs?: number;
  /** Runs on the migrated database before the server listens (seeding, first admin); returns lines to print after the address. */
  prepare?: (services: Services) => Promise<string[]>;
  /** None: no checkpoints are written (said at start-up). */
  checkpoints?: CheckpointSchedule;
}

/** Proxy names proxy-addr knows, beside addresses and CIDR ranges. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * `--trust-proxy`: `any` (every peer is a proxy: only when nothing else can reach the server), or a comma-separated
 * list of proxy addresses, CIDR ranges and the names loopback, linklocal, uniquelocal.
 */
export function trustProxy(value: string): TrustProxy {
  if (value === 'any') return true;
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.find((entry) => !isProxy(entry));
  if (entries.length === 0 || bad !== undefined) {
    throw new InvalidArgumentError(`${bad === undefined ? 'give' : `"${bad}" is not`} an address, a CIDR range, ${PROXY_NAMES.join(', ')}, or any`);
  }
  return entries;
}

function isProxy(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [, address = '', bits] = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry) ?? [];
  const family = isIP(address);
  return family !== 0 && (bits === undefined || Number(bits) <= (family === 6 ? 128 : 32));
}

/** Whether `host` is this machine only: plain HTTP there never crosses a network. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/** An option's value, else its environment variable's (parsed the same way; a bad one is exit 2 naming it). */
function fromEnvironment<T>(io: CliIO, name: string, parse: (value: string) => T): T | undefined {
  const value = envOf(io)[name];
  if (value === undefined || value === '') return undefined;
  try {
    return parse(value);
  } catch (error) {
    throw new ValidationError([{ location: `$${name}`, message: error instanceof Error ? error.message : String(error) }], 'A setting is not valid');
  }
}

export function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535 (0: any free port)');
  return n;
}

/** `ASSAY_RENDER_TIME_LIMIT_SECONDS`, a whole number of seconds, as milliseconds. */
export function renderTimeLimit(value: string): number {
  const seconds = value.trim();
  if (!/^[1-9]\d*$/.test(seconds)) throw new InvalidArgumentError(`must be a whole number of seconds, not "${seconds}"`);
  return Number(seconds) * 1000;
}

export function registerServe(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('serve the REST API (docs at /api/docs, OpenAPI at /api/openapi.json); creates the first admin on a fresh database')
    .option('--port <n>', 'port to listen on (0: any free port)', port, DEFAULT_PORT)
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', DEFAULT_HOST)
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--trust-proxy <proxies>', `believe X-Forwarded-For from these proxies: addresses, CIDR ranges, ${PROXY_NAMES.join(', ')}, or any (default: $${TRUST_PROXY_ENV}, else none)`, trustProxy)
    .option('--allow-signup', 'let any signed-in person create an organisation (default: instance administrators only)')
    .option('--insecure-cookies', 'send the session cookie over plain HTTP too: only with a loopback --host (Secure by default)')
    .option('--public-url <url>', `${PUBLIC_URL_HELP}, else the address each request came to)`, publicUrl)
    .option('--log-level <level>', `request logs on standard output: ${LOG_LEVELS.join(' | ')} (default: $${LOG_LEVEL_ENV}, else info)`, choice(LOG_LEVELS))
    .option('--checkpoint-key <file>', `${CHECKPOINT_KEY_OPTION_HELP}: sign the audit chain's head on start and on a schedule`)
    .option('--checkpoint-every <minutes>', 'minutes between signed checkpoints', positiveMinutes, DEFAULT_CHECKPOINT_MINUTES)
    .action(async (options: { port: number; host: string; database?: string; trustProxy?: TrustProxy; allowSignup?: boolean; insecureCookies?: boolean; publicUrl?: string; logLevel?: LogLevel; checkpointKey?: string; checkpointEvery: number }) => {
      if (options.insecureCookies && !isLoopbackHost(options.host)) {
        throw new ValidationError(
          [{ location: '--insecure-cookies', message: `only with a loopback --host (localhost, 127.0.0.1, ::1), not ${options.host}: anything reachable from a network is served over HTTPS` }],
          'Cannot start the server',
        );
      }
      const keyFile = checkpointKeyPath(options.checkpointKey, io);
      const renderTimeLimitMs = fromEnvironment(io, RENDER_TIME_LIMIT_ENV, renderTimeLimit);
      await runServer(io, {
        databaseUrl: resolveDatabaseUrl(options.database, io),
        port: options.port,
        host: options.host,
        secureCookies: !options.insecureCookies,
        trustProxy: options.trustProxy ?? fromEnvironment(io, TRUST_PROXY_ENV, trustProxy) ?? false,
        allowSignup: options.allowSignup ?? false,
        publicUrl: resolvePublicUrl(options.publicUrl, io, null),
        logLevel: options.logLevel ?? fromEnvironment(io, LOG_LEVEL_ENV, choice(LOG_LEVELS)) ?? 'info',
        ...(renderTimeLimitMs !== undefined && { renderTimeLimitMs }),
        prepare: (services) => firstAdmin(io, services),
        ...(keyFile !== undefined && { checkpoints: { signer: await readCheckpointKey(keyFile, io), everyMinutes: options.checkpointEvery } }),
      });
    });
}

function positiveMinutes(value: string): number {
  const minutes = wholeNumber(value);
  if (minutes < 1 || minutes > 7 * 24 * 60) throw new InvalidArgumentError('must be a number of minutes from 1 to 10080 (a week)');
  return minutes;
}

/** The first admin of a database without accounts: the login lines to print, or none when there are accounts. */
async function firstAdmin(io: CliIO, services: Services): Promise<string[]> {
  if (await services.users.hasUsers(OPERATOR)) return [];
  const env = envOf(io);
  const email = env[ADMIN_EMAIL_ENV] || 'admin@localhost';
  const given = env[ADMIN_PASSWORD_ENV] || undefined;
  const password = given ?? generatePassword();
  const created = await services.users.createFirstAdmin(OPERATOR, { email, password });
  if (created === null) return [];
  const admins = created.organizations.map((o) => o.slug);
  return [
    'First start: created the admin account',
    `  email     ${created.user.email}`,
    given ? `  password  (the one in $${ADMIN_PASSWORD_ENV})` : `  password  ${password}   (shown this once: keep it, or change it after signing in)`,
    admins.length > 0 ? `  admin of  ${admins.join(', ')}` : '  no organisation yet: sign in, and the setup page creates one (or `assay import` a workspace)',
    '  an instance administrator: creates organisations and invites their admins',
  ];
}

/** Opens and migrates the database, builds the app, listens, prints where, and runs until stopped. */
export async function runServer(io: CliIO, options: ServerOptions): Promise<void> {
  const stop = stopSignal(io);
  const store = await openStore(options.databaseUrl);
  let app: FastifyInstance | undefined;
  let stopCheckpoints: (() => Promise<void>) | undefined;
  let stopChecks: (() => Promise<void>) | undefined;
  try {
    const services = createServices(
      store,
      { ...servicesWithWebhooks(io), ...(options.renderTimeLimitMs !== undefined && { renderTimeLimitMs: options.renderTimeLimitMs }) },
      { allowSignup: options.allowSignup },
    );
    const lines = options.prepare ? await options.prepare(services) : [];
    app = await buildApp({
      services,
      secureCookies: options.secureCookies,
      trustProxy: options.trustProxy,
      publicUrl: options.publicUrl,
      log: { level: options.logLevel, stream: { write: (line) => io.out(line) } },
    });
    await app.listen({ port: options.port, host: options.host }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL') {
        throw new ValidationError([{ location: '--port', message: `cannot listen on ${options.host}:${options.port} (${error.code}): choose another --port or --host` }], 'Cannot start the server');
      }
      throw error;
    });
    const url = baseUrl(app, options.host);
    const schedule = options.checkpoints;
    io.out(
      [
        `Assay is listening at ${url}`,
        `  API docs  ${url}/api/docs   (OpenAPI: ${url}/api/openapi.json)`,
        `  database  ${describeDatabase(options.databaseUrl)}`,
        `  cookies   ${options.secureCookies ? 'Secure: sign in over HTTPS (or on localhost)' : 'sent over plain HTTP too (--insecure-cookies): this machine only'}`,
        schedule
          ? `  audit checkpoints  signed with key ${schedule.signer.keyId} now and every ${schedule.everyMinutes} minutes`
          : `  audit checkpoints  off (create a key with \`assay checkpoint init-key\`, then give --checkpoint-key or $${CHECKPOINT_KEY_ENV})`,
        '  scheduled checks  run inside this server when due (and what fell due while it was down, once)',
        ...lines,
        'Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
    stopCheckpoints = schedule ? await startCheckpoints(io, services, schedule) : undefined;
    // Another server on the same database may claim a due check first: each runs once (docs/monitoring-server.md).
    stopChecks = await services
      .checkScheduler(`${hostname()}:${process.pid}`, (check, error) => io.err(`scheduled check ${check} did NOT run: ${error instanceof Error ? error.message : String(error)}\n`))
      .start();
    await aborted(stop.signal);
    io.err('Stopping…\n');
  } finally {
    await stopChecks?.();
    await stopCheckpoints?.();
    stop.dispose();
    await app?.close();
    await store.close();
  }
}

/**
 * Signs the chain's head now and then every `everyMinutes`; returns what stops it. A checkpoint refused (the
 * chain does not verify) or failed is said on stderr and tried again at the next turn: the server keeps serving.
 */
async function startCheckpoints(io: CliIO, services: Services, schedule: CheckpointSchedule): Promise<() => Promise<void>> {
  const write = async () => {
    try {
      const written = await services.integrity.writeCheckpoint(OPERATOR, schedule.signer);
      if (written) io.err(`audit checkpoint: event ${written.seq} ${written.hash} signed at ${written.createdAt}\n`);
    } catch (error) {
      io.err(`audit checkpoint NOT written: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };
  let running = write();
  await running;
  const timer = setInterval(() => (running = write()), schedule.everyMinutes * 60_000);
  // The store closes after this: let a checkpoint being written finish first.
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** The address people type: the port actually bound (for --port 0), `localhost` for every-interface hosts. */
function baseUrl(app: FastifyInstance, host: string): string {
  const address = app.server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${address.port}`;
}

function stopSignal(io: CliIO): { signal: AbortSignal; dispose(): void } {
  if (io.signal) return { signal: io.signal, dispose: () => undefined };
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

function aborted(signal: AbortSignal): Promise<void> {
  return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
