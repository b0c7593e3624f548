import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/index.js';
import { sha256Of } from './manifest.js';
import { scenarioData } from '../documents/testing.js';
import { renderWorkpapers } from '../workbook/index.js';
import { assemblePackage, bufferSource, evidencePath, MANIFEST_PATH, packageBytes, packageIntact, parseManifest, PACKAGE_LIMITS, verifyPackage, type PackageEvidence } from './index.js';

const header = {
  engagement: { id: 'eng-1', organization: 'Acme Cloud, Inc.', system: 'Acme Analytics Platform', reportType: 'type2' as const, periodStart: '2026-01-01', periodEnd: '2026-06-30' },
  generatedAt: '2026-09-15T10:00:00.000Z',
  auditLogHead: `42:${'a'.repeat(64)}`,
};

function evidence(id: string, fileName: string, text: string): PackageEvidence {
  const bytes = strToU8(text);
  return {
    id,
    fileName,
    controls: ['CC6-01'],
    coversFrom: '2026-01-01',
    coversTo: '2026-06-30',
    collectedAt: '2026-07-01T09:00:00.000Z',
    size: bytes.length,
    sha256: sha256Of(bytes),
    open: async function* () {
      // In two chunks, as a stream hands them over.
      yield bytes.subarray(0, 3);
      yield bytes.subarray(3);
    },
  };
}

async function build(extra: PackageEvidence[] = []) {
  const data = scenarioData('qualified');
  const parts = { workpapers: await renderWorkpapers(data), examination: data.result, evidence: [evidence('ev-1', 'access review.csv', 'user,removed\nana,2026-03-02\n'), evidence('ev-2', '../../etc/passwd', 'root:x:0:0'), ...extra] };
  const { manifest, files } = assemblePackage(header, parts);
  return { manifest, zip: await packageBytes(manifest, files) };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

const check = (zip: Uint8Array) => verifyPackage(bufferSource(zip));

/** The zip with its entries changed, written again. */
function rezip(zip: Uint8Array, change: (entries: Record<string, Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(zip);
  change(entries);
  return zipSync(entries);
}

describe("the auditor's package", () => {
  it('holds the manifest, the workpapers, the examination and every evidence file, each matching its size and hash', async () => {
    const { manifest, zip } = await build();
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual([MANIFEST_PATH, 'evidence/ev-1/access review.csv', 'evidence/ev-2/_.._etc_passwd', 'examination.json', 'workpapers.xlsx'].sort());
    expect(parseManifest(entries[MANIFEST_PATH] as Uint8Array)).toEqual(manifest);
    for (const file of manifest.files) {
      const bytes = entries[file.path] as Uint8Array;
      expect({ path: file.path, size: bytes.length, sha256: sha256Of(bytes) }).toEqual({ path: file.path, size: file.size, sha256: file.sha256 });
    }
    expect(manifest).toMatchObject({ format: 'assay-auditor-package/1', ...header });
    expect(manifest.files.find((f) => f.path === 'evidence/ev-1/access review.csv')?.evidence).toMatchObject({ id: 'ev-1', controls: ['CC6-01'] });
    expect(JSON.parse(Buffer.from(entries['examination.json'] as Uint8Array).toString('utf8'))).toEqual(scenarioData('qualified').result);
  });

  it('keeps every evidence file inside its own folder, whatever its name', () => {
    for (const name of ['../x', '/abs', 'a\\b', '.hidden', '', 'C:evil', 'nul\0byte']) {
      const path = evidencePath({ id: 'ev', fileName: name });
      expect(path.split('/')).toHaveLength(3);
      expect(path).not.toMatch(/\.\.\/|\\|\0|:/);
    }
  });

  it('refuses to write an evidence file whose bytes are not the ones recorded', async () => {
    const altered = { ...evidence('ev-3', 'x.txt', 'original'), open: () => once(strToU8('tampered')) };
    await expect(build([altered])).rejects.toThrow(/evidence\/ev-3\/x.txt: its bytes .* are not the ones recorded/);
  });
});

describe('checking a package against its manifest', () => {
  it('finds every file intact in a package as written', async () => {
    const { manifest, zip } = await build();
    const result = await check(zip);
    expect(packageIntact(result)).toBe(true);
    expect(result.intact).toEqual(manifest.files.map((f) => f.path));
  });

  it('names a file altered, a file missing and a file added', async () => {
    const { zip } = await build();
    const tampered = rezip(zip, (entries) => {
      entries['evidence/ev-1/access review.csv'] = strToU8('user,removed\nana,2026-03-01\n');
      delete entries['workpapers.xlsx'];
      entries['evidence/ev-9/planted.csv'] = strToU8('x');
    });
    const result = await check(tampered);
    expect(packageIntact(result)).toBe(false);
    expect(result.altered.map((a) => a.path)).toEqual(['evidence/ev-1/access review.csv']);
    expect(result.missing).toEqual(['workpapers.xlsx']);
    expect(result.extra).toEqual(['evidence/ev-9/planted.csv']);
    expect(result.intact).toEqual(['examination.json', 'evidence/ev-2/_.._etc_passwd']);
  });

  it('finds a manifest edited to match nothing: the hash it states is checked, not trusted', async () => {
    const { zip, manifest } = await build();
    const edited = { ...manifest, files: manifest.files.map((f, i) => (i === 0 ? { ...f, sha256: '0'.repeat(64) } : f)) };
    const result = await check(rezip(zip, (entries) => void (entries[MANIFEST_PATH] = strToU8(JSON.stringify(edited)))));
    expect(result.altered.map((a) => a.path)).toEqual(['workpapers.xlsx']);
  });

  it('names a file whose compressed bytes were damaged as altered', async () => {
    const text = strToU8('user,removed\n'.repeat(2000));
    const manifest = { format: 'assay-auditor-package/1', ...header, files: [{ path: 'a.csv', size: text.length, sha256: sha256Of(text) }] };
    // a.csv first, so the first occurrence of its name is its local header; its deflated bytes follow the name.
    const zip = zipSync({ 'a.csv': text, [MANIFEST_PATH]: strToU8(JSON.stringify(manifest)) });
    const name = Buffer.from(zip).indexOf('a.csv');
    const damaged = new Uint8Array(zip);
    const at = name + 'a.csv'.length + 20;
    damaged[at] = (damaged[at] as number) ^ 0xff;
    const result = await check(damaged);
    expect(result.altered.map((a) => a.path)).toEqual(['a.csv']);
    expect(result.intact).toEqual([]);
  });

  it('refuses a file that is not a zip, a zip without a manifest, and a manifest that is not one, naming where', async () => {
    await expect(check(strToU8('PDF-1.7 not a zip'))).rejects.toThrow(ValidationError);
    await expect(check(new Uint8Array(0))).rejects.toMatchObject({ issues: [{ location: 'zip', message: 'is not a zip file' }] });
    await expect(check(strToU8('PDF-1.7 not a zip'))).rejects.toMatchObject({ issues: [{ location: 'zip', message: 'is not a zip file' }] });
    await expect(check(zipSync({ 'a.txt': strToU8('a') }))).rejects.toMatchObject({ issues: [{ location: 'zip', message: 'holds no manifest.json' }] });
    const bad = zipSync({ [MANIFEST_PATH]: strToU8(JSON.stringify({ format: 'assay-auditor-package/1', engagement: {}, generatedAt: 'x', auditLogHead: null, files: [{ path: 'a', size: -1, sha256: 'x' }] })) });
    await expect(check(bad)).rejects.toMatchObject({
      issues: [
        { location: '$.files[0].size', message: expect.any(String) },
        { location: '$.files[0].sha256', message: expect.any(String) },
      ],
    });
  });

  it('stops at its limits on files and inflated bytes, whatever the zip declares', async () => {
    const { zip } = await build();
    await expect(verifyPackage(bufferSource(zip), { ...PACKAGE_LIMITS, files: 2 })).rejects.toMatchObject({ issues: [{ message: 'holds more than 2 files' }] });
    await expect(verifyPackage(bufferSource(zip), { ...PACKAGE_LIMITS, bytes: 1000 })).rejects.toMatchObject({ issues: [{ message: expect.stringMatching(/^unpacks to more than/) }] });
    // A bomb: a megabyte of zeros deflates to a kilobyte.
    const bomb = zipSync({ [MANIFEST_PATH]: strToU8('{}'), 'zeros.bin': new Uint8Array(1024 * 1024) });
    await expect(verifyPackage(bufferSource(bomb), { ...PACKAGE_LIMITS, bytes: 64 * 1024 })).rejects.toMatchObject({ issues: [{ message: expect.stringMatching(/^unpacks to more than/) }] });
  });
});
