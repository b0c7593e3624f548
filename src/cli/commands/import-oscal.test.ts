import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACME, NIST_AR, NIST_POAM, readJson } from '../../reports/oscal/testing.js';
import { openDatabase } from '../../store/database.js';
import { runCli } from '../testing.js';

async function acmeDatabase(): Promise<string> {
  const database = join(await mkdtemp(join(tmpdir(), 'assay-oscal-')), 'assay.sqlite');
  expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
  return database;
}

async function findingCodes(database: string): Promise<string[]> {
  const store = await openDatabase(database);
  try {
    return (await store.db.selectFrom('findings').select('code').orderBy('code').execute()).map((r) => r.code);
  } finally {
    await store.close();
  }
}

describe('assay import-oscal', () => {
  it("adds NIST's example findings to the engagement, says what it could not carry over, and refuses them twice", async () => {
    const database = await acmeDatabase();
    const ar = await runCli('import-oscal', NIST_AR, '--organization', 'acme', '--database', database);
    expect(ar).toMatchObject({ code: 0, stderr: '' });
    expect(ar.stdout).toBe(`Imported 1 findings from ${NIST_AR} into "Acme Analytics Platform: SOC 2 Type 2, 2026-01-01 to 2026-06-30": OSCAL-0cfa750e\n`);

    const poam = await runCli('import-oscal', NIST_POAM, '--organization', 'acme', '--database', database, '--format', 'json');
    expect(poam.code).toBe(0);
    expect(JSON.parse(poam.stdout)).toMatchObject({ created: ['OSCAL-e174dfb9', 'OSCAL-48c8368d'], rootCauses: [] });
    expect(poam.stderr).toMatch(/^warning: poam-item e174dfb9-.* refers to a risk/);
    expect(await findingCodes(database)).toEqual(['F-AC-04', 'F-AC-06', 'F-MON-01', 'OSCAL-0cfa750e', 'OSCAL-48c8368d', 'OSCAL-e174dfb9']);

    const again = await runCli('import-oscal', NIST_POAM, '--organization', 'acme', '--database', database);
    expect(again).toMatchObject({ code: 2, stdout: '', stderr: 'assay: Already in the engagement, so nothing was imported: finding OSCAL-e174dfb9, finding OSCAL-48c8368d\n' });
  });

  it('refuses a POA&M that is not OSCAL with exit 2 and the JSON paths, writing nothing', async () => {
    const database = await acmeDatabase();
    const broken = readJson(NIST_POAM) as { 'plan-of-action-and-milestones': Record<string, unknown> & { 'poam-items': Record<string, unknown>[] } };
    broken['plan-of-action-and-milestones']['poam-items'][0]!.uuid = 'not-a-uuid';
    broken['plan-of-action-and-milestones'].colour = 'red';
    const file = join(await mkdtemp(join(tmpdir(), 'assay-oscal-')), 'broken.json');
    await writeFile(file, JSON.stringify(broken));
    const refused = await runCli('import-oscal', file, '--organization', 'acme', '--database', database);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^The document is not valid OSCAL assessment results or a POA&M:\n/);
    expect(refused.stderr).toContain('$.plan-of-action-and-milestones.colour: property not allowed here');
    expect(refused.stderr).toMatch(/\$\.plan-of-action-and-milestones\.poam-items\[0\]\.uuid: must be a valid UUID/);

    await writeFile(file, '{"plan-of-action-and-milestones": ');
    expect((await runCli('import-oscal', file, '--organization', 'acme', '--database', database)).stderr).toMatch(/^The document is not OSCAL:\n\$: not JSON: /);
    expect((await runCli('import-oscal', join(file, '../missing.json'), '--organization', 'acme', '--database', database)).stderr).toMatch(/missing\.json: no such file/);
    expect(await findingCodes(database)).toEqual(['F-AC-04', 'F-AC-06', 'F-MON-01']);
  });
});
