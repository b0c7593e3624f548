import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

async function importedDatabase(): Promise<{ database: string; folder: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'assay-archive-'));
  const database = join(folder, 'assay.sqlite');
  expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
  return { database, folder };
}

describe('assay engagement and assay control: archive, restore, purge', () => {
  it('archives an engagement, still exports it, and purges it only with --yes, keeping its record in a chain that verifies', async () => {
    const { database, folder } = await importedDatabase();
    const archived = await runCli('engagement', 'archive', '--organization', 'acme', '--database', database, '--format', 'json');
    expect(archived.code).toBe(0);
    const engagement = JSON.parse(archived.stdout) as { id: string; name: string; archivedAt: string };
    expect(engagement.archivedAt).toEqual(expect.any(String));
    // Archived engagements are named to be found: the organisation has none in use any more.
    expect((await runCli('export', join(folder, 'none'), '--organization', 'acme', '--database', database)).stderr).toContain('An engagement of "acme" was not found');

    const exported = await runCli('export', join(folder, 'ws'), '--organization', 'acme', '--engagement', engagement.id, '--database', database);
    expect(exported.code).toBe(0);
    expect((await readdir(join(folder, 'ws', 'controls'))).length).toBeGreaterThan(40);

    const refused = await runCli('engagement', 'purge', '--organization', 'acme', '--engagement', engagement.id, '--database', database);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('--yes: a purge deletes for good') });
    const purged = await runCli('engagement', 'purge', '--organization', 'acme', '--engagement', engagement.id, '--yes', '--database', database);
    expect(purged.code).toBe(0);
    expect(purged.stdout).toContain(`Purged the engagement "${engagement.name}" of acme: its record (`);
    expect(purged.stdout).toMatch(/\(\d+ bytes\) is in the audit event\n$/);
    expect((await runCli('verify', '--database', database)).code).toBe(0);
    expect((await runCli('engagement', 'restore', '--organization', 'acme', '--engagement', engagement.id, '--database', database)).code).toBe(2);
  });

  it('archives and restores a control, and refuses to restore one in use', async () => {
    const { database } = await importedDatabase();
    const control = (action: string) => runCli('control', action, '--organization', 'acme', '--control', 'AC-04', '--database', database);
    expect(await control('restore')).toMatchObject({ code: 2, stderr: expect.stringContaining('Control AC-04 is not archived') });
    expect(await control('archive')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Archived control AC-04 of ".+"\n$/) });
    const examined = await runCli('export', join(await mkdtemp(join(tmpdir(), 'assay-archive-')), 'ws'), '--organization', 'acme', '--database', database);
    expect(examined.stderr).toMatch(/note: 1 archived controls are not in the workspace/);
    expect(await control('restore')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Restored control AC-04/) });
  });
});
