import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliWith, startCli } from '../testing.js';
import { renderTimeLimit } from './serve.js';

async function tempDatabase(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'assay-serve-')), 'assay.sqlite');
}

async function login(base: string, email: string, password: string): Promise<Response> {
  return fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

describe('assay serve', () => {
  it('creates the first admin on a fresh database, prints the login once, serves, and stops', async () => {
    const database = await tempDatabase();
    const server = startCli({}, 'serve', '--port', '0', '--host', '127.0.0.1', '--database', database);
    try {
      const [, base] = await server.waitFor(/Assay is listening at (http:\/\/127\.0\.0\.1:\d+)\n/);
      expect(server.stdout()).toContain(`  API docs  ${base}/api/docs   (OpenAPI: ${base}/api/openapi.json)`);
      const [, password] = await server.waitFor(/ {2}password {2}(\S+) {3}\(shown this once/);
      expect(server.stdout()).toContain('First start: created the admin account\n  email     admin@localhost\n');
      const health = await fetch(`${base}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await login(base!, 'admin@localhost', password!)).status).toBe(200);
      expect((await fetch(`${base}/api/openapi.json`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    // The second start finds an account: no new admin, nothing printed about one.
    const again = startCli({}, 'serve', '--port', '0', '--host', '127.0.0.1', '--database', database);
    try {
      await again.waitFor(/Assay is listening at/);
      expect(again.stdout()).not.toContain('First start');
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });

  it('takes the database and the first admin from the environment, without printing the password', async () => {
    const database = await tempDatabase();
    const server = startCli(
      { ASSAY_DATABASE_URL: database, ASSAY_ADMIN_EMAIL: 'ops@acme.example', ASSAY_ADMIN_PASSWORD: 'the operator’s own password' },
      'serve',
      '--port',
      '0',
    );
    try {
      const [, base] = await server.waitFor(/Assay is listening at (http:\/\/localhost:\d+)\n/);
      expect(server.stdout()).toContain(`  database  ${database}\n`);
      expect(server.stdout()).toContain('  email     ops@acme.example\n  password  (the one in $ASSAY_ADMIN_PASSWORD)\n');
      expect(server.stdout()).not.toContain('the operator’s own password');
      expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
      expect((await login(base!, 'ops@acme.example', 'the operator’s own password')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('sends a Secure cookie, lets the first admin create organisations, and logs a failed sign-in without the password', async () => {
    const server = startCli({ ASSAY_ADMIN_PASSWORD: 'first admin password' }, 'serve', '--port', '0', '--host', '127.0.0.1', '--database', await tempDatabase());
    try {
      const [, base] = await server.waitFor(/Assay is listening at (http:\/\/127\.0\.0\.1:\d+)\n/);
      expect(server.stdout()).toContain('  cookies   Secure: sign in over HTTPS (or on localhost)\n');
      const signedIn = await login(base!, 'admin@localhost', 'first admin password');
      expect(signedIn.headers.get('set-cookie')).toMatch(/; Secure/);
      const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      const created = await fetch(`${base}/api/v1/organizations`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ slug: 'first-org', name: 'First' }),
      });
      expect(created.status).toBe(201);

      expect((await login(base!, 'admin@localhost', 'a guess that is wrong')).status).toBe(401);
      const [line] = await server.waitFor(/\{[^\n]*"msg":"sign-in refused"[^\n]*\}/);
      expect(JSON.parse(line!)).toMatchObject({ account: 'admin@localhost', address: '127.0.0.1' });
      expect(server.stdout()).not.toContain('a guess that is wrong');
      expect(server.stdout()).not.toContain('first admin password');
      expect(server.stdout()).not.toContain(cookie.split('=')[1]);
    } finally {
      await server.stop();
    }
  });

  it('drops Secure only when asked for a loopback address, and refuses bad settings with exit 2', async () => {
    const server = startCli({ ASSAY_ADMIN_PASSWORD: 'first admin password' }, 'serve', '--port', '0', '--host', '127.0.0.1', '--insecure-cookies', '--log-level', 'silent', '--database', await tempDatabase());
    try {
      const [, base] = await server.waitFor(/Assay is listening at (http:\/\/127\.0\.0\.1:\d+)\n/);
      expect((await login(base!, 'admin@localhost', 'first admin password')).headers.get('set-cookie')).not.toMatch(/Secure/);
      await login(base!, 'admin@localhost', 'wrong');
      expect(server.stdout()).not.toMatch(/"msg"/);
    } finally {
      await server.stop();
    }
    const everywhere = startCli({}, 'serve', '--host', '0.0.0.0', '--insecure-cookies', '--database', await tempDatabase());
    expect(await everywhere.exit).toBe(2);
    expect(everywhere.stderr()).toContain('--insecure-cookies: only with a loopback --host (localhost, 127.0.0.1, ::1), not 0.0.0.0');
    const proxy = startCli({}, 'serve', '--trust-proxy', '10.0.0.0/99', '--database', await tempDatabase());
    expect(await proxy.exit).toBe(2);
    expect(proxy.stderr()).toContain('"10.0.0.0/99" is not an address, a CIDR range, loopback, linklocal, uniquelocal, or any');
    const fromEnv = startCli({ ASSAY_TRUST_PROXY: 'proxy.internal' }, 'serve', '--database', await tempDatabase());
    expect(await fromEnv.exit).toBe(2);
    expect(fromEnv.stderr()).toContain('$ASSAY_TRUST_PROXY: "proxy.internal" is not an address');
  });

  it('takes the render time limit from $ASSAY_RENDER_TIME_LIMIT_SECONDS in whole seconds, and refuses anything else with exit 2 naming it, before opening the database', async () => {
    expect(renderTimeLimit('30')).toBe(30_000);
    expect(renderTimeLimit(' 45 ')).toBe(45_000);
    for (const bad of ['0', '-5', '1.5', '2m', '1e3', ' ']) {
      expect(() => renderTimeLimit(bad)).toThrow(`must be a whole number of seconds, not "${bad.trim()}"`);
    }
    const database = await tempDatabase();
    const refused = startCli({ ASSAY_RENDER_TIME_LIMIT_SECONDS: '2m' }, 'serve', '--port', '0', '--host', '127.0.0.1', '--database', database);
    expect(await refused.exit).toBe(2);
    expect(refused.stderr()).toContain('$ASSAY_RENDER_TIME_LIMIT_SECONDS: must be a whole number of seconds, not "2m"');
    expect(existsSync(database)).toBe(false);

    const server = startCli({ ASSAY_RENDER_TIME_LIMIT_SECONDS: '30' }, 'serve', '--port', '0', '--host', '127.0.0.1', '--database', database);
    try {
      await server.waitFor(/Stop with Ctrl-C/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('signs the audit chain\'s head on start with the key of $ASSAY_CHECKPOINT_KEY, and says so; without a key, says they are off', async () => {
    const database = await tempDatabase();
    const key = join(await mkdtemp(join(tmpdir(), 'assay-serve-')), 'checkpoint.key');
    expect((await runCli('checkpoint', 'init-key', '--checkpoint-key', key)).code).toBe(0);
    const env = { ASSAY_CHECKPOINT_KEY: key };
    const server = startCli(env, 'serve', '--port', '0', '--host', '127.0.0.1', '--database', database, '--checkpoint-every', '30');
    try {
      await server.waitFor(/Stop with Ctrl-C/);
      expect(server.stdout()).toMatch(/ {2}audit checkpoints {2}signed with key [0-9a-f]{16} now and every 30 minutes\n/);
      expect(server.stderr()).toMatch(/^audit checkpoint: event 1 [0-9a-f]{64} signed at /);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const verified = await runCliWith({ env }, 'verify', '--database', database);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringContaining('checkpoints: 1, signatures checked; the latest vouches for event 1') });

    const unsigned = startCli({}, 'serve', '--port', '0', '--host', '127.0.0.1', '--database', database);
    try {
      await unsigned.waitFor(/Stop with Ctrl-C/);
      expect(unsigned.stdout()).toContain('  audit checkpoints  off (create a key with `assay checkpoint init-key`, then give --checkpoint-key or $ASSAY_CHECKPOINT_KEY)\n');
    } finally {
      await unsigned.stop();
    }
  });

  it('exits 2 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const server = startCli({}, 'serve', '--port', String(port), '--host', '127.0.0.1', '--database', await tempDatabase());
      expect(await server.exit).toBe(2);
      expect(server.stderr()).toMatch(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)`));
    } finally {
      blocker.close();
    }
  });

  it('refuses a port that is not one', async () => {
    const server = startCli({}, 'serve', '--port', '70000');
    expect(await server.exit).toBe(2);
    expect(server.stderr()).toMatch(/must be a port number/);
  });
});
