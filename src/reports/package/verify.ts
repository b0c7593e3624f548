/**
 * Checking an auditor's package against its manifest, as `assay verify --package` does. The zip is read through its
 * central directory, the index every zip tool reads (a scan of local headers would take the entries of an evidence
 * file that is itself a zip, an XLSX say, for the package's own), one entry at a time in bounded chunks: every file
 * is hashed as it is inflated and never kept (the manifest excepted), within limits counted on the bytes actually
 * inflated, never on the sizes the zip declares. The outcome names each file missing (in the manifest, not in the
 * zip), extra (in the zip, not in the manifest) and altered (its size or hash differs, or it no longer inflates).
 */
import { createHash } from 'node:crypto';
import { Inflate } from 'fflate';
import { ValidationError } from '../../domain/index.js';
import { MAX_PACKAGE_BYTES, MAX_PACKAGE_FILES, MAX_PACKAGE_MANIFEST_BYTES } from '../../domain/limits.js';
import { MANIFEST_PATH, parseManifest, type Manifest, type ManifestFile } from './manifest.js';

export interface PackageLimits {
  files: number;
  bytes: number;
  manifestBytes: number;
}

export const PACKAGE_LIMITS: PackageLimits = { files: MAX_PACKAGE_FILES, bytes: MAX_PACKAGE_BYTES, manifestBytes: MAX_PACKAGE_MANIFEST_BYTES };

/** The zip's bytes, read where asked: a file on disk or a buffer. */
export interface ZipSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bufferSource(bytes: Uint8Array): ZipSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

export interface AlteredFile {
  path: string;
  expected: Omit<ManifestFile, 'path' | 'evidence'>;
  /** What the zip holds; null when it no longer inflates (`why` says so). */
  found: Omit<ManifestFile, 'path' | 'evidence'> | null;
  why: string | null;
}

export interface PackageCheck {
  manifest: Manifest;
  /** Files that match the manifest, in its order. */
  intact: string[];
  missing: string[];
  /** Files the manifest does not name (a name the zip holds twice counts again). */
  extra: string[];
  altered: AlteredFile[];
}

export function packageIntact(check: PackageCheck): boolean {
  return check.missing.length === 0 && check.extra.length === 0 && check.altered.length === 0;
}

const NOT_A_PACKAGE = "The file is not an auditor's package";
const CHUNK = 1024 * 1024;
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

function refuse(message: string, location = 'zip'): ValidationError {
  return new ValidationError([{ location, message }], NOT_A_PACKAGE);
}

const u16 = (b: Uint8Array, at: number) => (b[at] as number) | ((b[at + 1] as number) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

interface DirectoryEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The central directory's entries (folders left out), after the end record that locates it. */
async function directory(source: ZipSource, limits: PackageLimits): Promise<DirectoryEntry[]> {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tail = await source.read(source.size - tailLength, tailLength);
  let end = -1;
  for (let at = tail.length - 22; at >= 0 && end < 0; at -= 1) if (u32(tail, at) === END_OF_DIRECTORY) end = at;
  if (end < 0) throw refuse('is not a zip file');
  const count = u16(tail, end + 10);
  const size = u32(tail, end + 12);
  const offset = u32(tail, end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw refuse('is a ZIP64 archive, larger than any package Assay writes');
  if (count > limits.files + 1) throw refuse(`holds more than ${limits.files} files`);
  if (offset + size > source.size) throw refuse('is cut short: its directory lies beyond its end');
  const bytes = await source.read(offset, size);
  const entries: DirectoryEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || u32(bytes, at) !== DIRECTORY_ENTRY) throw refuse(`has a damaged directory (entry ${i + 1})`);
    const nameLength = u16(bytes, at + 28);
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8');
    if (!name.endsWith('/')) entries.push({ name, method: u16(bytes, at + 10), compressedSize: u32(bytes, at + 20), localOffset: u32(bytes, at + 42) });
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
}

/** Raised when the package as a whole goes past a limit. */
class OverLimit extends Error {}

/**
 * Inflates one entry chunk by chunk into `take`; the inflated bytes are counted against `budget` as they come.
 * Returns why the entry cannot be inflated, or null.
 */
async function inflateEntry(source: ZipSource, entry: DirectoryEntry, take: (chunk: Uint8Array) => void): Promise<string | null> {
  const header = await source.read(entry.localOffset, 30);
  if (header.length < 30 || u32(header, 0) !== LOCAL_HEADER) return 'its entry in the zip is damaged';
  const start = entry.localOffset + 30 + u16(header, 26) + u16(header, 28);
  if (entry.method !== STORED && entry.method !== DEFLATED) return `is compressed by method ${entry.method}, which a package never uses`;
  const inflate = entry.method === DEFLATED ? new Inflate((chunk) => take(chunk)) : null;
  try {
    for (let read = 0; read < entry.compressedSize; read += CHUNK) {
      const chunk = await source.read(start + read, Math.min(CHUNK, entry.compressedSize - read));
      if (chunk.length === 0) return 'is cut short';
      const final = read + CHUNK >= entry.compressedSize;
      if (inflate) inflate.push(chunk, final);
      else take(chunk);
    }
    if (inflate && entry.compressedSize === 0) inflate.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof OverLimit) throw error;
    return `no longer inflates: ${error instanceof Error ? error.message : String(error)}`;
  }
  return null;
}

/** Reads a package and checks every file against its manifest. */
export async function verifyPackage(source: ZipSource, limits: PackageLimits = PACKAGE_LIMITS): Promise<PackageCheck> {
  const entries = await directory(source, limits);
  let total = 0;
  const count = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > limits.bytes) throw new OverLimit(`unpacks to more than ${limits.bytes / (1024 * 1024)} MB`);
  };

  const manifestEntry = entries.find((e) => e.name === MANIFEST_PATH);
  if (manifestEntry === undefined) throw refuse(`holds no ${MANIFEST_PATH}`);
  const manifestChunks: Uint8Array[] = [];
  let manifestSize = 0;
  const found = new Map<string, { size: number; sha256: string } | { why: string }>();
  const extra: string[] = [];
  try {
    const why = await inflateEntry(source, manifestEntry, (chunk) => {
      count(chunk);
      manifestSize += chunk.length;
      if (manifestSize > limits.manifestBytes) throw new OverLimit(`${MANIFEST_PATH} is larger than ${limits.manifestBytes / (1024 * 1024)} MB`);
      manifestChunks.push(chunk);
    });
    if (why !== null) throw refuse(why, MANIFEST_PATH);
    for (const entry of entries) {
      if (entry === manifestEntry) continue;
      if (found.has(entry.name) || entry.name === MANIFEST_PATH) {
        extra.push(entry.name);
        continue;
      }
      const hash = createHash('sha256');
      let size = 0;
      const why = await inflateEntry(source, entry, (chunk) => {
        count(chunk);
        size += chunk.length;
        hash.update(chunk);
      });
      found.set(entry.name, why === null ? { size, sha256: hash.digest('hex') } : { why });
    }
  } catch (error) {
    if (error instanceof OverLimit) throw refuse(error.message);
    throw error;
  }

  const manifest = parseManifest(Buffer.concat(manifestChunks));
  const check: PackageCheck = { manifest, intact: [], missing: [], extra: [], altered: [] };
  const named = new Set<string>();
  for (const file of manifest.files) {
    named.add(file.path);
    const actual = found.get(file.path);
    const expected = { size: file.size, sha256: file.sha256 };
    if (actual === undefined) check.missing.push(file.path);
    else if ('why' in actual) check.altered.push({ path: file.path, expected, found: null, why: actual.why });
    else if (actual.size !== file.size || actual.sha256 !== file.sha256) check.altered.push({ path: file.path, expected, found: actual, why: null });
    else check.intact.push(file.path);
  }
  check.extra.push(...[...found.keys()].filter((path) => !named.has(path)), ...extra);
  return check;
}
