/** Test helper: writes a workspace folder from a map of relative paths to YAML text. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ValidationError } from '../domain/index.js';

export const VALID_ASSAY = `organization: Acme
system: Platform
report:
  type: type2
  periodStart: 2026-01-01
  periodEnd: 2026-06-30
  categories: [security]
`;

export const VALID_CONTROL = `id: AC-04
title: Terminated users are deprovisioned within one business day
criteria: [CC6.2]
frequency: event
nature: manual
`;

export const VALID_TEST = `control: AC-04
method: inspection
populationSize: 10
samples:
  - { item: T-1, result: pass }
  - { item: T-2, result: pass }
  - { item: T-3, result: pass }
  - { item: T-4, result: pass }
  - { item: T-5, result: fail, note: Removed 9 days late }
`;

/** A valid workspace (one control, its test) with the files given added or replacing. */
export const workspaceWith = (files: Record<string, string>) =>
  writeWorkspace({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL, 'tests/ac-04.yaml': VALID_TEST, ...files });

/** The problems a part of the workspace in `dir` is refused with, each `place-in-folder:line: message`. */
export async function refusal(dir: string, load: Promise<unknown>): Promise<string[]> {
  const error = await load.catch((e: unknown) => e);
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error.issues.map((i) => `${i.location.slice(dir.length + 1)}: ${i.message}`);
}

export async function writeWorkspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'assay-ws-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** A folder's files zipped as a person would zip it: under the folder's name unless `atTop`. */
export async function zipFolder(dir: string, options: { atTop?: boolean } = {}): Promise<Uint8Array> {
  const { readdir, readFile } = await import('node:fs/promises');
  const { basename, relative } = await import('node:path');
  const { zipSync } = await import('fflate');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const prefix = options.atTop ? '' : `${basename(dir)}/`;
  const files: Record<string, Uint8Array> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files[`${prefix}${relative(dir, path).split('\\').join('/')}`] = await readFile(path);
  }
  return zipSync(files);
}
