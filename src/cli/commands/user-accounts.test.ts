import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../services/index.js';
import { openDatabase } from '../../store/database.js';
import { runCli, runCliWith } from '../testing.js';

const PASSWORD = 'the operator’s first password';

/** A database with the organisation `acme` and Ann, a viewer in it. */
async function databaseWithAnn(): Promise<string> {
  const database = join(await mkdtemp(join(tmpdir(), 'assay-users-')), 'assay.sqlite');
  expect((await runCli('import', join(import.meta.dirname, '../../../examples/acme'), '--database', database, '--organization', 'acme')).code).toBe(0);
  const added = await runCli('user', 'add', '--email', 'ann@acme.example', '--role', 'viewer', '--organization', 'acme', '--password', PASSWORD, '--database', database);
  expect(added.code).toBe(0);
  return database;
}

async function withServices<T>(database: string, work: (services: ReturnType<typeof createServices>) => Promise<T>): Promise<T> {
  const store = await openDatabase(database);
  try {
    return await work(createServices(store));
  } finally {
    await store.close();
  }
}

describe('assay user reset-password', () => {
  it('prints a one-time link whose secret sets a new password, once', async () => {
    const database = await databaseWithAnn();
    const { code, stdout } = await runCli('user', 'reset-password', 'Ann@Acme.example', '--database', database, '--public-url', 'https://assay.acme.example/');
    expect(code).toBe(0);
    const [, link, secret] = /\n {2}(https:\/\/assay\.acme\.example\/reset-password#([A-Za-z0-9_-]{43}))\n/.exec(stdout) ?? [];
    expect(link).toBeDefined();
    expect(stdout).toMatch(/^Password-reset link for ann@acme\.example \(works once, until \d{4}-\d\d-\d\dT[\d:.]+Z; an earlier link no longer works\):/);

    await withServices(database, async (services) => {
      expect(await services.passwords.reset(secret!, 'a fresh password of mine')).toBe('ann@acme.example');
      await expect(services.passwords.reset(secret!, 'and once more please')).rejects.toThrow(/cannot be used/);
      await expect(services.auth.login('ann@acme.example', 'a fresh password of mine')).resolves.toBeTruthy();
    });
  });

  it('takes the address from ASSAY_PUBLIC_URL, answers in JSON, and refuses an unknown account or a bad address with exit 2', async () => {
    const database = await databaseWithAnn();
    const json = await runCliWith({ env: { ASSAY_PUBLIC_URL: 'https://assay.example' } }, 'user', 'reset-password', 'ann@acme.example', '--database', database, '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ email: 'ann@acme.example', link: expect.stringMatching(/^https:\/\/assay\.example\/reset-password#/), expiresAt: expect.any(String) });
    expect(await runCli('user', 'reset-password', 'nobody@acme.example', '--database', database)).toMatchObject({ code: 2, stderr: 'assay: The account nobody@acme.example was not found\n' });
    const badEnv = await runCliWith({ env: { ASSAY_PUBLIC_URL: 'ftp://nope' } }, 'user', 'reset-password', 'ann@acme.example', '--database', database);
    expect(badEnv).toMatchObject({ code: 2, stderr: expect.stringContaining('$ASSAY_PUBLIC_URL: must be an http:// or https:// address') });
    expect((await runCli('user', 'reset-password', 'not-an-email', '--database', database)).code).toBe(2);
  });
});

describe('assay user deactivate, reactivate and instance-admin', () => {
  it('removes a person from the instance and back', async () => {
    const database = await databaseWithAnn();
    const session = await withServices(database, (services) => services.auth.login('ann@acme.example', PASSWORD));
    const deactivated = await runCli('user', 'deactivate', 'ann@acme.example', '--database', database);
    expect(deactivated).toMatchObject({ code: 0, stdout: 'Deactivated ann@acme.example: 1 session(s) ended; their API tokens no longer work\n' });
    await withServices(database, async (services) => {
      expect(await services.auth.fromSession(session.token)).toBeNull();
      await expect(services.auth.login('ann@acme.example', PASSWORD)).rejects.toThrow(/not right/);
    });
    expect(JSON.parse((await runCli('user', 'deactivate', 'ann@acme.example', '--database', database, '--format', 'json')).stdout)).toMatchObject({ changed: false });

    expect((await runCli('user', 'reactivate', 'ann@acme.example', '--database', database)).stdout).toBe('Reactivated ann@acme.example\n');
    await withServices(database, (services) => expect(services.auth.login('ann@acme.example', PASSWORD)).resolves.toBeTruthy());
  });

  it('grants and withdraws instance administration, also when adding a person', async () => {
    const database = await databaseWithAnn();
    expect((await runCli('user', 'instance-admin', 'ann@acme.example', '--database', database)).stdout).toBe('ann@acme.example is now an instance administrator\n');
    expect((await runCli('user', 'instance-admin', 'ann@acme.example', '--revoke', '--database', database)).stdout).toBe('ann@acme.example is no longer an instance administrator\n');
    const added = await runCli('user', 'add', '--email', 'ops@acme.example', '--role', 'admin', '--organization', 'acme', '--instance-admin', '--database', database, '--format', 'json');
    expect(JSON.parse(added.stdout)).toMatchObject({ email: 'ops@acme.example', instanceAdmin: true, accountCreated: true });
    await withServices(database, async (services) => expect((await services.auth.user((await services.auth.login('ops@acme.example', JSON.parse(added.stdout).password)).user.id))?.instanceAdmin).toBe(true));
    expect(await runCli('user', 'deactivate', 'nobody@acme.example', '--database', database)).toMatchObject({ code: 2, stderr: 'assay: The account nobody@acme.example was not found\n' });
  });
});
