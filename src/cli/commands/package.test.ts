import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database.js';
import { runCli } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

/** examples/acme imported into a fresh database, with one evidence file for AC-04. */
async function acmeWithEvidence(): Promise<{ folder: string; database: string }> {
    const folder = await mkdtemp(join(tmpdir(), 'assay-package-'));
    const database = join(folder, 'assay.sqlite');
    expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
    const evidence = join(folder, 'leavers.csv');
    await writeFile(evidence, 'user,removed\nana,2026-03-02\n');
    expect((await runCli('evidence', 'add', evidence, '--organization', 'acme', '--control', 'AC-04', '--database', database)).code).toBe(0);
  return { folder, database };
}

describe('assay package', () => {
  it("writes the auditor's package of an engagement, which assay verify --package finds intact", async () => {
    const { folder, database } = await acmeWithEvidence();

    const out = join(folder, 'package.zip');
    const written = await runCli('package', '--organization', 'acme', '--out', out, '--database', database);
    expect(written).toMatchObject({ code: 0, stdout: expect.stringContaining(`Wrote ${out}: the workpapers, the examination and 1 evidence file; audit log head `) });
    expect(await runCli('verify', '--package', out)).toMatchObject({ code: 0, stdout: expect.stringContaining('package intact: 3 files') });
  });

  it('exits 1 and writes nothing when an evidence file was altered in the store', async () => {
    const { folder, database } = await acmeWithEvidence();
    const store = await openDatabase(database);
    try {
      await store.db.updateTable('evidence_blobs').set({ content: Buffer.from('user,removed\nana,2026-03-09\n') }).execute();
    } finally {
      await store.close();
    }
    const run = await runCli('package', '--organization', 'acme', '--out', join(folder, 'package.zip'), '--database', database);
    expect(run).toMatchObject({ code: 1, stderr: expect.stringMatching(/^assay: no package written: evidence\/[^/]+\/leavers\.csv: its bytes/) });
    expect((await readdir(folder)).filter((name) => name.includes('package'))).toEqual([]);
  });

  it('writes nothing for an organisation that is not there', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'assay-package-'));
    const database = join(folder, 'assay.sqlite');
    expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
    const run = await runCli('package', '--organization', 'nobody', '--out', join(folder, 'package.zip'), '--database', database);
    expect(run.code).toBe(2);
    expect((await readdir(folder)).filter((name) => name.includes('package'))).toEqual([]);
  });
});
