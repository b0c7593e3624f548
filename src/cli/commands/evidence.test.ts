import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database.js';
import { runCli, runCliWith } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

async function importedDatabase() {
  const folder = await mkdtemp(join(tmpdir(), 'assay-evidence-'));
  const database = join(folder, 'assay.sqlite');
  expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
  const files = join(folder, 'files');
  await mkdir(join(files, 'q1'), { recursive: true });
  await writeFile(join(files, 'q1', 'access-review.csv'), 'user,reviewed\nann,yes\n');
  await writeFile(join(files, 'q1', 'same-bytes.csv'), 'user,reviewed\nann,yes\n');
  await writeFile(join(files, 'policy.pdf'), '%PDF-1.7 not really');
  return { folder, database, files };
}

describe('assay evidence add', () => {
  it('stores every file of a folder for a control, identical bytes once, and verify checks them', async () => {
    const { database, files } = await importedDatabase();
    const added = await runCli('evidence', 'add', files, '--organization', 'acme', '--control', 'AC-04', '--covers-from', '2026-01-01', '--covers-to', '2026-03-31', '--database', database, '--format', 'json');
    expect(added.code, added.stderr).toBe(0);
    const { evidence } = JSON.parse(added.stdout) as { evidence: { fileName: string; mediaType: string; sha256: string; controls: string[] }[] };
    expect(evidence.map((e) => [e.fileName, e.mediaType])).toEqual([
      ['policy.pdf', 'application/pdf'],
      ['access-review.csv', 'text/csv'],
      ['same-bytes.csv', 'text/csv'],
    ]);
    expect(evidence[1]?.sha256).toBe(evidence[2]?.sha256);
    expect(evidence[0]?.controls).toEqual(['AC-04']);

    const verified = await runCli('verify', '--database', database);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('evidence intact: 2 files in the database, each matches its SHA-256');

    const store = await openDatabase(database);
    await store.db.updateTable('evidence_blobs').set({ content: Buffer.from('forged') }).where('sha256', '=', evidence[0]?.sha256 as string).execute();
    await store.close();
    const altered = await runCli('verify', '--database', database);
    expect(altered.code).toBe(1);
    expect(altered.stdout).toContain(`evidence ALTERED: 1 of 2 files in the database\n  ${evidence[0]?.sha256}: its bytes no longer match the hash; named by policy.pdf (evidence `);
  });

  it('keeps the bytes in ASSAY_BLOB_DIR when it is set', async () => {
    const { database, files, folder } = await importedDatabase();
    const blobs = join(folder, 'blobs');
    const env = { ASSAY_BLOB_DIR: blobs };
    expect((await runCliWith({ env }, 'evidence', 'add', join(files, 'policy.pdf'), '--organization', 'acme', '--database', database)).code).toBe(0);
    const verified = await runCliWith({ env }, 'verify', '--database', database);
    expect(verified.stdout).toContain(`evidence intact: 1 file in ${blobs}`);
    // Read without the folder, the bytes are missing from the database: verify says so.
    expect((await runCli('verify', '--database', database)).stdout).toContain(': missing; named by policy.pdf');
  });

  it('refuses bad input with exit 2, naming it, and stores nothing', async () => {
    const { database, files, folder } = await importedDatabase();
    const unknown = await runCli('evidence', 'add', files, '--organization', 'acme', '--control', 'NOPE-1', '--database', database);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('$.controls[0]: the engagement has no control NOPE-1 in use') });
    const missing = await runCli('evidence', 'add', join(folder, 'nowhere'), '--organization', 'acme', '--database', database);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('nowhere: no file or folder here') });
    const tooLarge = await runCliWith({ env: { ASSAY_EVIDENCE_MAX_BYTES: '10' } }, 'evidence', 'add', files, '--organization', 'acme', '--database', database);
    expect(tooLarge.code).toBe(2);
    expect(tooLarge.stderr).toContain('larger than the 10 bytes allowed');
    const store = await openDatabase(database);
    expect(await store.db.selectFrom('evidence').select('id').execute()).toEqual([]);
    expect(await store.db.selectFrom('evidence_blobs').select('sha256').execute()).toEqual([]);
    await store.close();
  });
});
