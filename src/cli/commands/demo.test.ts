import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../testing.js';
import { DEMO_PASSWORD } from './demo.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

async function fingerprint(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('assay demo', () => {
  it('imports examples/acme into "acme", makes one account per role, serves and prints the logins; a restart keeps it', async () => {
    const database = join(await mkdtemp(join(tmpdir(), 'assay-demo-')), 'demo.sqlite');
    // ASSAY_DATABASE_URL is not read by the demo: its accounts have a public password.
    const elsewhere = join(await mkdtemp(join(tmpdir(), 'assay-demo-')), 'must-not-be-used.sqlite');
    const demo = startCli({ ASSAY_DATABASE_URL: elsewhere }, 'demo', '--port', '0', '--database', database);
    try {
      const [, base] = await demo.waitFor(/Assay is listening at (http:\/\/localhost:\d+)\n/);
      await demo.waitFor(/Stop with Ctrl-C/);
      const out = demo.stdout();
      expect(out).toContain(`  database  ${database}\n`);
      expect(out).toContain('Demo: imported examples/acme into the organisation "acme" (Acme Cloud, Inc.)');
      expect(out).toContain(`sign in with the password "${DEMO_PASSWORD}" as:`);
      for (const line of ['admin       admin@acme.example', 'compliance  compliance@acme.example', 'owner       it-ops@acme.example   (owns AC-01, AC-03, AC-04', 'auditor     auditor@acme.example', 'viewer      viewer@acme.example']) {
        expect(out).toContain(line);
      }

      expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
      const cookie = await signIn(base!, 'it-ops@acme.example');
      const organizations = await fetch(`${base}/api/v1/organizations`, { headers: { cookie } });
      expect(await organizations.json()).toMatchObject({ items: [{ slug: 'acme', name: 'Acme Cloud, Inc.', role: 'owner' }] });
    } finally {
      expect(await demo.stop()).toBe(0);
    }
    expect(existsSync(elsewhere)).toBe(false);

    const again = startCli({}, 'demo', '--port', '0', '--database', database);
    try {
      await again.waitFor(/Stop with Ctrl-C/);
      expect(again.stdout()).toContain('Demo: the organisation "acme" is already there');
      const [, base] = /Assay is listening at (http:\/\/localhost:\d+)/.exec(again.stdout()) ?? [];
      await signIn(base!, 'auditor@acme.example');
    } finally {
      await again.stop();
    }
  });

  it('refuses a database that holds anything but the demo, with exit 2 and nothing written', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'assay-demo-'));
    const imported = join(folder, 'imported.sqlite');
    expect((await runCli('import', ACME, '--database', imported, '--organization', 'acme')).code).toBe(0);
    const foreign = join(folder, 'foreign.sqlite');
    const other = new SQLite(foreign);
    other.exec('create table invoices (id integer primary key); insert into invoices (id) values (1);');
    other.close();
    for (const [database, table] of [[imported, 'audit_events'], [foreign, 'invoices']] as const) {
      const before = await fingerprint(database);
      const { code, stdout, stderr } = await runCli('demo', '--port', '0', '--database', database);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`assay: The database ${database} holds data that is not the demo's (the table "${table}" has rows).`);
      expect(stderr).toContain('The demo creates accounts with a published password');
      expect(await fingerprint(database)).toBe(before);
    }
  });
});
