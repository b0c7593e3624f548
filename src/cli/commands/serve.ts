/**
 * `assay serve`: the REST API (and its docs) over one database, until SIGINT / SIGTERM (or the CliIO's
 * signal, in tests). On a database nobody can sign in to yet, it creates the first admin and prints the
 * login once.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { ValidationError } from '../../domain/index.js';
import { buildApp } from '../../server/app.js';
import { OPERATOR } from '../../services/actor.js';
import type { CheckpointSigner } from '../../services/checkpoint-signature.js';
import { createServices, type Services } from '../../services/index.js';
import { CHECKPOINT_KEY_ENV, CHECKPOINT_KEY_OPTION_HELP, checkpointKeyPath, readCheckpointKey } from '../checkpoint-key.js';
import { DATABASE_OPTION_HELP, describeDatabase, openStore, resolveDatabaseUrl } from '../database.js';
import { envOf, type CliIO } from '../io.js';
import { wholeNumber } from '../options.js';
import { generatePassword } from './user.js';

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = 'localhost';
export const ADMIN_EMAIL_ENV = 'ASSAY_ADMIN_EMAIL';
export const ADMIN_PASSWORD_ENV = 'ASSAY_ADMIN_PASSWORD';
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
  secureCookies?: boolean;
  /** Runs on the migrated database before the server listens (seeding, first admin); returns lines to print after the address. */
  prepare?: (services: Services) => Promise<string[]>;
  /** None: no checkpoints are written (said at start-up). */
  checkpoints?: CheckpointSchedule;
}

export function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535 (0: any free port)');
  return n;
}

export function registerServe(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('serve the REST API (docs at /api/docs, OpenAPI at /api/openapi.json); creates the first admin on a fresh database')
    .option('--port <n>', `port to listen on (default ${DEFAULT_PORT}; 0: any free port)`, port, DEFAULT_PORT)
    .option('--host <host>', `address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for every interface)`, DEFAULT_HOST)
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--secure-cookies', 'send the session cookie over HTTPS only (set it behind TLS)')
    .option('--checkpoint-key <file>', `${CHECKPOINT_KEY_OPTION_HELP}: sign the audit chain's head on start and on a schedule`)
    .option('--checkpoint-every <minutes>', `minutes between signed checkpoints (default ${DEFAULT_CHECKPOINT_MINUTES})`, positiveMinutes, DEFAULT_CHECKPOINT_MINUTES)
    .action(async (options: { port: number; host: string; database?: string; secureCookies?: boolean; checkpointKey?: string; checkpointEvery: number }) => {
      const keyFile = checkpointKeyPath(options.checkpointKey, io);
      await runServer(io, {
        databaseUrl: resolveDatabaseUrl(options.database, io),
        port: options.port,
        host: options.host,
        secureCookies: options.secureCookies ?? false,
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
    admins.length > 0 ? `  admin of  ${admins.join(', ')}` : '  no organisation yet: create one (POST /api/v1/organizations) or `assay import` a workspace',
  ];
}

/** Opens and migrates the database, builds the app, listens, prints where, and runs until stopped. */
export async function runServer(io: CliIO, options: ServerOptions): Promise<void> {
  const stop = stopSignal(io);
  const store = await openStore(options.databaseUrl);
  let app: FastifyInstance | undefined;
  let stopCheckpoints: (() => Promise<void>) | undefined;
  try {
    const services = createServices(store);
    const lines = options.prepare ? await options.prepare(services) : [];
    app = await buildApp({ services, secureCookies: options.secureCookies ?? false });
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
        schedule
          ? `  audit checkpoints  signed with key ${schedule.signer.keyId} now and every ${schedule.everyMinutes} minutes`
          : `  audit checkpoints  off (create a key with \`assay checkpoint init-key\`, then give --checkpoint-key or $${CHECKPOINT_KEY_ENV})`,
        ...lines,
        'Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
    stopCheckpoints = schedule ? await startCheckpoints(io, services, schedule) : undefined;
    await aborted(stop.signal);
    io.err('Stopping…\n');
  } finally {
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
