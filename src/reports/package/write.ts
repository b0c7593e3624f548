/**
 * Writes the auditor's package as a stream of zip bytes: the manifest first, then each file as it is read, so a
 * large package is never held whole in memory (nor any evidence file twice). Each file is hashed as it passes and
 * must be the bytes the manifest states: evidence altered in the store stops the package rather than being shipped
 * under a hash it does not have. Every entry carries the package's generation time, so the zip says one moment.
 */
import { createHash } from 'node:crypto';
import { Zip, ZipDeflate } from 'fflate';
import { MANIFEST_PATH, manifestBytes, sha256Of, type Manifest, type ManifestFile } from './manifest.js';

/** A file of the package: what the manifest states of it, and its bytes when they are to be written. */
export interface PackageFile extends ManifestFile {
  open(): Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array>;
}

/** A file whose bytes, read to be written, are not the ones the manifest states: the package stops. */
export class AlteredFileError extends Error {
  constructor(
    readonly path: string,
    found: { size: number; sha256: string },
    expected: { size: number; sha256: string },
  ) {
    super(`${path}: its bytes (${found.size} bytes, SHA-256 ${found.sha256}) are not the ones recorded (${expected.size} bytes, ${expected.sha256}): run \`assay verify\` to find what changed in the evidence store`);
    this.name = 'AlteredFileError';
  }
}

/** A file whose bytes are already in memory (the workpapers, the examination). */
export function fileInMemory(path: string, bytes: Uint8Array): PackageFile {
  return {
    path,
    size: bytes.length,
    sha256: sha256Of(bytes),
    open: async function* () {
      yield bytes;
    },
  };
}

/** Already compressed formats are stored rather than deflated again: the same bytes for far less work. */
const COMPRESSED = /\.(xlsx|docx|pptx|zip|gz|tgz|bz2|xz|7z|png|jpe?g|gif|webp|pdf|mp4|mov)$/i;

/** The package's zip, chunk by chunk. Throws (ending the stream) when a file is not the bytes its entry states. */
export async function* writePackage(manifest: Manifest, files: readonly PackageFile[]): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  const mtime = new Date(manifest.generatedAt);
  function* drain(): Generator<Uint8Array> {
    if (failure) throw failure;
    while (out.length > 0) yield out.shift() as Uint8Array;
  }

  const entry = (path: string) => {
    const file = new ZipDeflate(path, { level: COMPRESSED.test(path) ? 0 : 6 });
    file.mtime = mtime;
    zip.add(file);
    return file;
  };

  entry(MANIFEST_PATH).push(manifestBytes(manifest), true);
  yield* drain();
  for (const file of files) {
    const deflate = entry(file.path);
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of await file.open()) {
      hash.update(chunk);
      size += chunk.length;
      deflate.push(chunk);
      yield* drain();
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== file.sha256 || size !== file.size) throw new AlteredFileError(file.path, { size, sha256 }, file);
    deflate.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}

/** The whole package in memory, for tests and small callers. */
export async function packageBytes(manifest: Manifest, files: readonly PackageFile[]): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of writePackage(manifest, files)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
