import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../services/index.js';
import { openDatabase } from '../../store/database.js';
import { runCli, runCliWith } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

async function importedDatabase(): Promise<string> {
  const database = join(await mkdtemp(join(tmpdir(), 'assay-cli-')), 'assay.sqlite');
  const { code } = await runCli('import', ACME, '--database', database, '--organization', 'acme');
  expect(code).toBe(0);
  return database;
}

async function canSignIn(database: string, email: string, password: string): Promise<boolean> {
  const store = await openDatabase(database);
  try {
    return await createServices(store).auth.login(email, password).then(() => true, () => false);
  } finally {
    await store.close();
  }
}

describe('assay user add', () => {
  it('creates an account with a generated password, printed once', async () => {
    const database = await importedDatabase();
    const { code, stdout } = await runCli('user', 'add', '--email', 'Ann@Acme.example', '--role', 'auditor', '--organization', 'acme', '--name', 'Ann', '--database', database);
    expect(code).toBe(0);
    const match = /^Added ann@acme\.example to acme as auditor \(new account\)\n {2}password: (\S+) {3}\(shown once/.exec(stdout);
    expect(match).not.toBeNull();
    expect(await canSignIn(database, 'ann@acme.example', match![1]!)).toBe(true);
  });

  it('takes the password from --password or ASSAY_PASSWORD without printing it, and leaves an existing account’s alone', async () => {
    const database = await importedDatabase();
    const fromEnv = await runCliWith({ env: { ASSAY_PASSWORD: 'from the environment' } }, 'user', 'add', '--email', 'bob@acme.example', '--role', 'viewer', '--organization', 'acme', '--database', database, '--format', 'json');
    expect(fromEnv.code).toBe(0);
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({ email: 'bob@acme.example', role: 'viewer', accountCreated: true, password: null });
    expect(await canSignIn(database, 'bob@acme.example', 'from the environment')).toBe(true);

    await runCli('import', ACME, '--database', database, '--organization', 'other');
    const existing = await runCli('user', 'add', '--email', 'bob@acme.example', '--role', 'compliance', '--organization', 'other', '--password', 'a different password', '--database', database);
    expect(existing).toMatchObject({ code: 0, stdout: 'Added bob@acme.example to other as compliance (existing account: its password is unchanged)\n' });
    expect(await canSignIn(database, 'bob@acme.example', 'from the environment')).toBe(true);

    const twice = await runCli('user', 'add', '--email', 'bob@acme.example', '--role', 'admin', '--organization', 'other', '--database', database);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/already a member/);
  });

  it('refuses a bad role, email, password or organisation with exit 2', async () => {
    const database = await importedDatabase();
    const add = (...args: string[]) => runCli('user', 'add', '--database', database, ...args);
    expect((await add('--email', 'x@acme.example', '--role', 'root', '--organization', 'acme')).stderr).toMatch(/must be one of admin, compliance, owner, auditor, viewer/);
    expect((await add('--email', 'not-an-email', '--role', 'viewer', '--organization', 'acme')).code).toBe(2);
    const short = await add('--email', 'x@acme.example', '--role', 'viewer', '--organization', 'acme', '--password', 'short');
    expect(short).toMatchObject({ code: 2, stderr: expect.stringMatching(/password: must be 12 to 256 characters long/) });
    expect(await add('--email', 'x@acme.example', '--role', 'viewer', '--organization', 'nowhere')).toMatchObject({ code: 2, stderr: 'assay: The organisation "nowhere" was not found\n' });
  });
});

describe('assay verify', () => {
  it('reports an intact chain, then names the event altered with SQL and exits 1', async () => {
    const database = await importedDatabase();
    await runCli('user', 'add', '--email', 'ann@acme.example', '--role', 'viewer', '--organization', 'acme', '--database', database);
    const intact = await runCli('verify', '--database', database);
    // The import's 13 (the organisation, its checks, description, 2 vendors with their reports, 5 risks, the engagement), then user.created and member.added
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^audit log intact: 15 events\n {2}head: event 15 [0-9a-f]{64} {3}\(note it: assay verify --expect-head 15:[0-9a-f]{64}\)\n {2}checkpoints: none\nevidence intact: 0 files in the database, each matches its SHA-256\n$/);

    const store = await openDatabase(database);
    const target = await store.db.selectFrom('audit_events').select(['seq', 'subject']).where('type', '=', 'engagement.imported').executeTakeFirstOrThrow();
    await store.db.updateTable('audit_events').set({ actor: 'user:mallory@acme.example' }).where('seq', '=', target.seq).execute();
    await store.close();

    const altered = await runCli('verify', '--database', database);
    expect(altered.code).toBe(1);
    expect(altered.stdout).toContain(`the chain breaks at event ${target.seq} (engagement.imported of ${target.subject} at `);
    expect(altered.stdout).toContain('its contents no longer match its hash');
    const json = await runCli('verify', '--database', database, '--format', 'json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ intact: false, events: 15, firstBreak: { seq: target.seq, reason: 'altered', type: 'engagement.imported' } });
  });

  it('notices a deleted event at the next one', async () => {
    const database = await importedDatabase();
    await runCli('user', 'add', '--email', 'ann@acme.example', '--role', 'viewer', '--organization', 'acme', '--database', database);
    const store = await openDatabase(database);
    const events = await store.db.selectFrom('audit_events').select(['seq', 'type']).orderBy('seq').execute();
    await store.db.deleteFrom('audit_events').where('seq', '=', events[1]!.seq).execute();
    await store.close();
    const { code, stdout } = await runCli('verify', '--database', database);
    expect(code).toBe(1);
    expect(stdout).toContain(`the chain breaks at event ${events[2]!.seq} (${events[2]!.type} of `);
    expect(stdout).toContain('an event before it was deleted or inserted');
  });

  it('refuses a database that is not there', async () => {
    const { code, stderr } = await runCliWith({ env: { ASSAY_DATABASE_URL: '/nonexistent/assay.sqlite' } }, 'verify');
    expect(code).toBe(2);
    expect(stderr).toContain('/nonexistent/assay.sqlite: no database here');
  });
});
