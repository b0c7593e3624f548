// A write that fails half-way leaves the target as it was: no half-written workspace, no staging folder.
import * as fs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadWorkspace } from './load.js';
import { writeWorkspace } from './write.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, writeFile: vi.fn(actual.writeFile), rename: vi.fn(actual.rename) };
});

const ACME = join(import.meta.dirname, '../../examples/acme');

/** Makes the n-th call of a mocked fs function fail like a full disk. */
function failOnCall<F extends (...args: never[]) => Promise<unknown>>(fn: F, n: number, real: F): void {
  let calls = 0;
  vi.mocked(fn).mockImplementation(((...args: Parameters<F>) => {
    calls += 1;
    if (calls === n) return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    return real(...args);
  }) as unknown as F);
}

describe('a failed write', () => {
  afterEach(() => {
    vi.mocked(fs.writeFile).mockRestore();
    vi.mocked(fs.rename).mockRestore();
  });

  it('leaves no folder when it fails writing a file', async () => {
    const acme = await loadWorkspace(ACME);
    const parent = await mkdtemp(join(tmpdir(), 'assay-fail-'));
    const { writeFile: realWriteFile } = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    failOnCall(fs.writeFile, 7, realWriteFile);
    await expect(writeWorkspace(join(parent, 'acme'), acme)).rejects.toThrow(/no space left/);
    expect(await readdir(parent)).toEqual([]);
  });

  it('puts the old workspace back when swapping in the new one fails', async () => {
    const acme = await loadWorkspace(ACME);
    const parent = await mkdtemp(join(tmpdir(), 'assay-fail-'));
    const dir = join(parent, 'ws');
    await writeWorkspace(dir, acme);
    await writeFile(join(dir, 'README.md'), 'ours');
    const changed = { ...acme, controls: acme.controls.slice(0, 3), tests: acme.tests.slice(0, 3) };

    // Three renames move the old parts aside, then assay.yaml and controls/ go in; the one for tests/ fails.
    const { rename: realRename } = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    failOnCall(fs.rename, 6, realRename);
    await expect(writeWorkspace(dir, changed, { overwrite: true })).rejects.toThrow(/no space left/);
    vi.mocked(fs.rename).mockRestore();

    expect(await loadWorkspace(dir)).toEqual(acme);
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('ours');
    expect((await readdir(parent)).sort()).toEqual(['ws']);
  });
});
