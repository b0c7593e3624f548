/**
 * A throwaway PostgreSQL cluster for the test run: `initdb` into a fresh temporary folder, `pg_ctl start` on
 * a free loopback port, and on stop `pg_ctl stop` and the folder removed. PostgreSQL refuses to run as root,
 * so as root the binaries run as the `postgres` OS user (`runuser`); as anyone else, as that user.
 *
 * Used by `global-setup.ts` when ASSAY_TEST_PG_URL does not name a server to use instead.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's postgresql-15 puts the server binaries (override with ASSAY_TEST_PG_BIN). */
export const PG_BIN = process.env.ASSAY_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  /** Superuser URL of the `postgres` database, e.g. `postgres://postgres@127.0.0.1:54012/postgres`. */
  url: string;
  stop(): Promise<void>;
}

/** True in CI (CI set to anything but `0` or `false`), where a missing PostgreSQL is a failure, not a skip. */
export function isCi(): boolean {
  const value = process.env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/** Why a cluster cannot be started here, or null when it can. */
export function postgresUnavailableReason(): string | null {
  for (const binary of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(PG_BIN, binary))) {
      return `PostgreSQL server binaries not found in ${PG_BIN} (install postgresql-15, or set ASSAY_TEST_PG_URL)`;
    }
  }
  if (isRoot() && !postgresUserIds()) return 'running as root but there is no `postgres` OS user to run PostgreSQL as';
  return null;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const base = mkdtempSync(join(tmpdir(), 'assay-pg-'));
  const ids = isRoot() ? postgresUserIds() : null;
  if (ids) chownSync(base, ids.uid, ids.gid);
  chmodSync(base, 0o700);
  const data = join(base, 'data');
  const log = join(base, 'server.log');
  const asPostgres = (binary: string, args: string[]) => {
    const [file, argv] = ids
      ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]]
      : [join(PG_BIN, binary), args];
    // cwd: the server's user may not be allowed into the caller's working directory.
    return run(file, argv, { cwd: base, timeout: 60_000 });
  };

  try {
    await asPostgres('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']);
    let lastError: unknown;
    // The free port is free when asked, not necessarily when the server binds it: try a few.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const options = [
        `-p ${port}`,
        `-k ${base}`,
        '-c listen_addresses=127.0.0.1',
        // A throwaway cluster needs no durability: no fsync, no waiting for WAL flushes.
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        // Test files run in parallel, each with a pool per fresh database.
        '-c max_connections=300',
      ].join(' ');
      try {
        await asPostgres('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
      } catch (error) {
        lastError = error;
        continue;
      }
      const stopSync = () => {
        const [file, argv] = ids
          ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']]
          : [join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']];
        spawnSync(file, argv, { cwd: base, stdio: 'ignore' });
        rmSync(base, { recursive: true, force: true });
      };
      // If the run dies without its teardown, do not leave a server behind.
      process.once('exit', stopSync);
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        async stop() {
          process.removeListener('exit', stopSync);
          try {
            await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
          } finally {
            rmSync(base, { recursive: true, force: true });
          }
        },
      };
    }
    throw lastError;
  } catch (error) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
    rmSync(base, { recursive: true, force: true });
    throw new Error(`Could not start a PostgreSQL test cluster: ${explain(error)}\n${serverLog}`, { cause: error });
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function explain(error: unknown): string {
  const { stderr, message } = error as { stderr?: string; message?: string };
  return (stderr?.trim() || message) ?? String(error);
}
