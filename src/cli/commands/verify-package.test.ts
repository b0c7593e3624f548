import { strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioData } from '../../reports/documents/testing.js';
import { assemblePackage, MANIFEST_PATH, packageBytes } from '../../reports/package/index.js';
import { sha256Of } from '../../reports/package/manifest.js';
import { runCli } from '../testing.js';

const header = {
  engagement: { id: 'eng-1', organization: 'Acme Cloud, Inc.', system: 'Acme Analytics Platform', reportType: 'type2' as const, periodStart: '2026-01-01', periodEnd: '2026-06-30' },
  generatedAt: '2026-09-15T10:00:00.000Z',
  auditLogHead: `7:${'b'.repeat(64)}`,
};

/** A package written to a folder of its own, as the API hands it out (the workpapers left small: text for speed). */
async function writtenPackage(): Promise<{ folder: string; file: string; zip: Uint8Array }> {
  const folder = await mkdtemp(join(tmpdir(), 'assay-package-'));
  const bytes = strToU8('ticket,approved\nCHG-1,yes\n');
  const { manifest, files } = assemblePackage(header, {
    workpapers: strToU8('stand-in for the workbook'),
    examination: scenarioData('clean').result,
    evidence: [{ id: 'ev-1', fileName: 'changes.csv', controls: ['CC8-01'], coversFrom: null, coversTo: null, collectedAt: '2026-07-01T00:00:00.000Z', size: bytes.length, sha256: sha256Of(bytes), open: async function* () {
      yield bytes;
    } }],
  });
  const zip = await packageBytes(manifest, files);
  const file = join(folder, 'package.zip');
  await writeFile(file, zip);
  return { folder, file, zip };
}

async function rewritten(folder: string, zip: Uint8Array, change: (entries: Record<string, Uint8Array>) => void): Promise<string> {
  const entries = unzipSync(zip);
  change(entries);
  const file = join(folder, 'tampered.zip');
  await writeFile(file, zipSync(entries));
  return file;
}

describe('assay verify --package', () => {
  it('exits 0 with a summary when every file agrees with the manifest', async () => {
    const { file } = await writtenPackage();
    const run = await runCli('verify', '--package', file);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining(`package intact: 3 files of ${file}`) });
    expect(run.stdout).toContain(`audit log head then: 7:${'b'.repeat(64)}`);
    const json = await runCli('verify', '--package', file, '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ verified: true, missing: [], extra: [], altered: [] });
  });

  it('exits 1 naming a file altered, one missing and one added', async () => {
    const { folder, zip } = await writtenPackage();
    const file = await rewritten(folder, zip, (entries) => {
      entries['evidence/ev-1/changes.csv'] = strToU8('ticket,approved\nCHG-1,no\n');
      delete entries['examination.json'];
      entries['notes.txt'] = strToU8('added later');
    });
    const run = await runCli('verify', '--package', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`package ALTERED: ${file}`);
    expect(run.stdout).toMatch(/altered: evidence\/ev-1\/changes.csv: 25 bytes, SHA-256 [0-9a-f]{64}; the manifest says 26 bytes/);
    expect(run.stdout).toContain('missing: examination.json (in the manifest, not in the zip)');
    expect(run.stdout).toContain('extra: notes.txt (in the zip, not in the manifest)');
  });

  it('exits 2 for a file that is not a zip, a zip without a manifest, a missing file, and database options beside it', async () => {
    const { folder } = await writtenPackage();
    const notZip = join(folder, 'report.pdf');
    await writeFile(notZip, '%PDF-1.7');
    expect(await runCli('verify', '--package', notZip)).toMatchObject({ code: 2, stderr: expect.stringContaining(`${notZip}: is not a zip file`) });
    const noManifest = join(folder, 'plain.zip');
    await writeFile(noManifest, zipSync({ 'a.txt': strToU8('a') }));
    expect(await runCli('verify', '--package', noManifest)).toMatchObject({ code: 2, stderr: expect.stringContaining(`${noManifest}: holds no ${MANIFEST_PATH}`) });
    expect(await runCli('verify', '--package', join(folder, 'absent.zip'))).toMatchObject({ code: 2, stderr: expect.stringContaining('absent.zip: no such file') });
    expect(await runCli('verify', '--package', noManifest, '--database', join(folder, 'x.sqlite'))).toMatchObject({ code: 2, stderr: expect.stringContaining('--database: checks the database, not a package') });
  });
});
