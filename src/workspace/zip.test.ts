import { strToU8, zipSync } from 'fflate';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/index.js';
import { loadWorkspaceContent } from './content.js';
import { VALID_ASSAY, VALID_CONTROL, zipFolder } from './testing.js';
import { readWorkspaceZip, unzipEntries } from './zip.js';

const ACME = join(import.meta.dirname, '../../examples/acme');

async function refusal(attempt: Promise<unknown> | (() => unknown)): Promise<ValidationError> {
  const error = await (typeof attempt === 'function' ? Promise.resolve().then(attempt) : attempt).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('workspace zip', () => {
  it('reads a zipped folder exactly as the folder is read, whether the folder or its contents were zipped', async () => {
    const folder = await loadWorkspaceContent(ACME);
    expect([folder.findings?.length, folder.description?.services, folder.register?.risks.length, folder.register?.vendors.length]).toEqual([3, expect.any(String), 4, 2]);
    expect(await readWorkspaceZip(await zipFolder(ACME))).toEqual(folder);
    expect(await readWorkspaceZip(await zipFolder(ACME, { atTop: true }))).toEqual(folder);
  });

  it('names a bad file as it is in the zip, with its line', async () => {
    const zip = zipSync({ 'ws/assay.yaml': strToU8(VALID_ASSAY), 'ws/controls/a.yaml': strToU8(VALID_CONTROL.replace('CC6.2', 'ZZ9.9')) });
    const error = await refusal(readWorkspaceZip(zip));
    expect(error.issues.map((i) => i.location)).toEqual(['ws/controls/a.yaml:3']);
    expect(error.message).not.toMatch(/assay-workspace-/);
  });

  it.each([
    ['../outside.yaml', 'climbs out of the folder'],
    ['ws/../../etc/passwd', 'climbs out of the folder'],
    ['/etc/passwd', 'is an absolute path'],
    ['C:/Windows/win.ini', 'is an absolute path'],
    ['ws\\..\\x.yaml', 'holds a backslash'],
  ])('refuses the whole zip when a name leaves the folder: %s', async (name, reason) => {
    const zip = zipSync({ 'assay.yaml': strToU8(VALID_ASSAY), [name]: strToU8('x') });
    const error = await refusal(readWorkspaceZip(zip));
    expect(error.issues).toEqual([{ location: name, message: expect.stringContaining(reason) as string }]);
  });

  it('counts the bytes it inflates, not the sizes the zip declares, and stops at the limit', async () => {
    // 2 MB of zeros compress to a few kilobytes: a small upload that unpacks large.
    const zip = zipSync({ 'assay.yaml': strToU8(VALID_ASSAY), 'evidence/zeros.csv': new Uint8Array(2 * 1024 * 1024) }, { level: 9 });
    expect(zip.length).toBeLessThan(64 * 1024);
    const error = await refusal(() => unzipEntries(zip, { unzippedBytes: 1024 * 1024, entries: 100 }));
    expect(error.issues).toEqual([{ location: 'zip', message: 'unpacks to more than 1 MB' }]);
    expect(unzipEntries(zip, { unzippedBytes: 3 * 1024 * 1024, entries: 100 }).size).toBe(2);
  });

  it('refuses more files than the limit', async () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`controls/c${i}.yaml`, strToU8('x')]));
    const error = await refusal(() => unzipEntries(zipSync(files), { unzippedBytes: 1024, entries: 10 }));
    expect(error.issues).toEqual([{ location: 'zip', message: 'holds more than 10 files' }]);
  });

  it('says what to zip when there is no assay.yaml, and when the upload is not a zip', async () => {
    const error = await refusal(readWorkspaceZip(zipSync({ 'a/assay.yaml': strToU8(VALID_ASSAY), 'b/x.yaml': strToU8('x') })));
    expect(error.issues[0]?.message).toMatch(/no assay.yaml at its top or in its one top folder/);
    expect((await refusal(readWorkspaceZip(strToU8('not a zip at all')))).issues[0]?.location).toBe('zip');
  });

  it('leaves out folders and the resource forks macOS adds', async () => {
    const zip = zipSync({ 'ws/assay.yaml': strToU8(VALID_ASSAY), 'ws/controls/': new Uint8Array(), '__MACOSX/ws/._assay.yaml': strToU8('junk') });
    expect([...unzipEntries(zip).keys()]).toEqual(['ws/assay.yaml']);
    expect((await readWorkspaceZip(zip)).engagement.system).toBe('Platform');
  });
});
