/**
 * A workspace folder uploaded as a zip. The zip is unpacked in memory within limits counted on the bytes actually
 * inflated (never on the sizes the zip declares, which a zip bomb lies about): total size, number of files, and
 * names that stay inside the folder (no `..`, no absolute path, no backslash). What it holds is then written to a
 * private temporary folder and read by the same loader as `assay import`, so an upload is judged exactly as a
 * folder is; the folder is removed afterwards, whatever happened. Messages name the file as it is in the zip.
 */
import { Unzip, UnzipInflate } from 'fflate';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { ValidationError, type Issue } from '../domain/index.js';
import { MAX_WORKSPACE_UNZIPPED_BYTES, MAX_WORKSPACE_ZIP_ENTRIES } from '../domain/limits.js';
import { loadWorkspaceContent } from './content.js';
import type { WorkspaceContent, WorkspaceStatements } from './write.js';

export interface ZipLimits {
  unzippedBytes: number;
  entries: number;
}

const DEFAULT_LIMITS: ZipLimits = { unzippedBytes: MAX_WORKSPACE_UNZIPPED_BYTES, entries: MAX_WORKSPACE_ZIP_ENTRIES };

/** Why a name could take a file out of the folder it is unpacked into; null when it stays inside. */
function unsafeName(name: string): string | null {
  if (name.includes('\0')) return 'holds a NUL character';
  if (name.includes('\\')) return 'holds a backslash: zip paths use /';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').includes('..')) return 'climbs out of the folder (..)';
  return null;
}

/** Raised inside fflate's callbacks to stop unpacking at once. */
class Refused extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message);
  }
}

/** The zip's files by name (folders and macOS resource forks left out), unpacked within the limits. */
export function unzipEntries(zip: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  let count = 0;
  const unzip = new Unzip((entry) => {
    const name = entry.name;
    if (name.endsWith('/') || name.startsWith('__MACOSX/')) return;
    const unsafe = unsafeName(name);
    if (unsafe !== null) throw new Refused({ location: name, message: `${unsafe}: the zip is refused` });
    if (files.has(name)) throw new Refused({ location: name, message: 'is in the zip twice: the zip is refused' });
    if (++count > limits.entries) throw new Refused({ location: 'zip', message: `holds more than ${limits.entries} files` });
    const chunks: Uint8Array[] = [];
    entry.ondata = (error, chunk, final) => {
      // fflate hands an exception thrown here back as the next call's error: a refusal stays a refusal.
      if (error) throw error instanceof Refused ? error : new Refused({ location: name, message: `cannot be unpacked: ${error.message}` });
      total += chunk.length;
      if (total > limits.unzippedBytes) throw new Refused({ location: 'zip', message: `unpacks to more than ${limits.unzippedBytes / (1024 * 1024)} MB` });
      chunks.push(chunk);
      if (final) files.set(name, concat(chunks));
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(zip, true);
  } catch (error) {
    if (error instanceof Refused) throw new ValidationError([error.issue], 'The zip is not a workspace Assay can import');
    throw new ValidationError([{ location: 'zip', message: `cannot be read: ${error instanceof Error ? error.message : String(error)}` }], 'The zip is not a workspace Assay can import');
  }
  return files;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Where the workspace starts: the zip's top, or its one top folder (a zipped folder), whichever holds assay.yaml. */
function workspaceRoot(names: readonly string[]): string {
  if (names.includes('assay.yaml')) return '';
  const tops = new Set(names.map((n) => n.split('/')[0]));
  const [top] = tops;
  if (tops.size === 1 && names.includes(`${top}/assay.yaml`)) return `${top}/`;
  throw new ValidationError([{ location: 'zip', message: 'holds no assay.yaml at its top or in its one top folder: zip the workspace folder itself' }], 'The zip is not a workspace Assay can import');
}

/** A workspace zip read as `assay import` reads a folder: all it carries (./content.ts), or every problem found. */
export async function readWorkspaceZip(zip: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS): Promise<WorkspaceContent & WorkspaceStatements> {
  const files = unzipEntries(zip, limits);
  const root = workspaceRoot([...files.keys()]);
  const dir = await mkdtemp(join(tmpdir(), 'assay-workspace-'));
  try {
    for (const [name, bytes] of files) {
      if (!name.startsWith(root)) continue;
      const path = join(dir, name.slice(root.length));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
    }
    return await loadWorkspaceContent(dir);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const inZip = (text: string) => text.split(dir + sep).join(root).split(dir).join(root || '.');
    throw new ValidationError(
      error.issues.map((i) => ({ location: inZip(i.location), message: inZip(i.message) })),
      error.summary,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
