/**
 * Evidence bytes, addressed by their SHA-256: identical bytes are stored once, and anyone can check that what is
 * stored is what was hashed. Two homes behind one interface: the database (the default, so a backup of the
 * database is a backup of the evidence) or a folder (`ASSAY_BLOB_DIR`, shared by every server of a scale-out).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError, TooLargeError } from '../domain/errors.js';
import { toTimestamp, type Executor, type StoreDependencies } from './values.js';

/** Bytes as they arrive: a Node stream, a web stream read as one, or any async iterable of chunks. */
export type Content = AsyncIterable<Uint8Array>;

export interface StoredBlob {
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  size: number;
}

/** What a stored blob is now: the bytes its address names, gone, or changed since they were stored. */
export type BlobCondition = 'intact' | 'missing' | 'altered';

/** A blob just put, and whether this call stored its bytes (false: they were there already, whoever put them). */
export interface PutBlob extends StoredBlob {
  added: boolean;
}

export interface PutOptions {
  /** Refuse more bytes than this (TooLargeError), keeping nothing of them. */
  maxBytes?: number;
  /** The transaction of the record that names the blob (the database store writes in it). */
  trx?: Executor;
}

export interface BlobStore {
  /** Where the bytes live, for people: `database` or the folder. */
  readonly location: string;
  /**
   * Stores the bytes (once, whoever stored them before) and returns their address, and whether they are new:
   * bytes that were there before may be evidence a purged engagement's record names, though no record does now.
   */
  put(content: Content, options?: PutOptions): Promise<PutBlob>;
  /** The bytes at an address (NotFoundError when there are none). */
  get(sha256: string, trx?: Executor): Promise<Readable>;
  has(sha256: string, trx?: Executor): Promise<boolean>;
  /** Reads the bytes back and hashes them again. */
  verify(sha256: string): Promise<BlobCondition>;
  /**
   * Takes back bytes just stored for a change that then failed. The caller says no record names them: the store
   * never removes evidence a record points to.
   */
  discard(sha256: string): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function checkAddress(sha256: string): void {
  // An address is also a file name in the folder store: nothing but hex can reach the file system.
  if (!SHA256_HEX.test(sha256)) throw new NotFoundError(`Blob ${sha256.slice(0, 80)}`);
}

/** Hashes and counts chunks as they pass, refusing past `maxBytes`. */
function measure(maxBytes: number | undefined) {
  const hash = createHash('sha256');
  let size = 0;
  return {
    add(chunk: Uint8Array) {
      size += chunk.byteLength;
      if (maxBytes !== undefined && size > maxBytes) throw new TooLargeError('The file', maxBytes);
      hash.update(chunk);
    },
    result: (): StoredBlob => ({ sha256: hash.digest('hex'), size }),
  };
}

async function hashOf(content: Content | Iterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of content) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Blobs in the `evidence_blobs` table. A file is held in memory while it is stored (one file is at most the
 * evidence limit, 50 MB by default); a blob already there is not written again.
 */
export function createDatabaseBlobStore(db: Executor, deps: Pick<StoreDependencies, 'clock'>): BlobStore {
  const has = async (sha256: string, trx?: Executor) =>
    SHA256_HEX.test(sha256) && (await (trx ?? db).selectFrom('evidence_blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst()) !== undefined;
  const read = async (sha256: string, trx?: Executor) => {
    checkAddress(sha256);
    const row = await (trx ?? db).selectFrom('evidence_blobs').select('content').where('sha256', '=', sha256).executeTakeFirst();
    if (!row) throw new NotFoundError(`Blob ${sha256}`);
    return row.content;
  };
  return {
    location: 'database',
    async put(content, options = {}) {
      const measured = measure(options.maxBytes);
      const chunks: Uint8Array[] = [];
      for await (const chunk of content) {
        measured.add(chunk);
        chunks.push(chunk);
      }
      const blob = measured.result();
      const [inserted] = await (options.trx ?? db)
        .insertInto('evidence_blobs')
        .values({ sha256: blob.sha256, size: blob.size, content: Buffer.concat(chunks), created_at: toTimestamp(deps.clock()) })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      return { ...blob, added: Number(inserted?.numInsertedOrUpdatedRows ?? 0) > 0 };
    },
    async get(sha256, trx) {
      return Readable.from([Buffer.from(await read(sha256, trx))]);
    },
    has,
    async verify(sha256) {
      if (!(await has(sha256))) return 'missing';
      return (await hashOf([await read(sha256)])) === sha256 ? 'intact' : 'altered';
    },
    async discard(sha256) {
      await db.deleteFrom('evidence_blobs').where('sha256', '=', sha256).execute();
    },
  };
}

/**
 * Blobs as files in a folder, named by their hash under a two-letter subfolder. A file is written to a temporary
 * name while it is hashed, then renamed into place: a reader never sees half a file, and a refused or broken upload
 * leaves nothing behind. Bytes stored in a transaction that then fails stay as an unnamed blob, harmless (the
 * same bytes would land at the same address).
 */
export function createFolderBlobStore(folder: string): BlobStore {
  const pathOf = (sha256: string) => join(folder, sha256.slice(0, 2), sha256);
  const has = async (sha256: string) => {
    if (!SHA256_HEX.test(sha256)) return false;
    try {
      return (await stat(pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  };
  return {
    location: folder,
    async put(content, options = {}) {
      const temporary = join(folder, 'tmp');
      await mkdir(temporary, { recursive: true });
      const partial = join(temporary, `${randomUUID()}.part`);
      const measured = measure(options.maxBytes);
      const sink = createWriteStream(partial, { flags: 'wx' });
      try {
        await pipeline(
          content,
          async function* (chunks: AsyncIterable<Uint8Array>) {
            for await (const chunk of chunks) {
              measured.add(chunk);
              yield chunk;
            }
          },
          sink,
        );
        const blob = measured.result();
        const added = !(await has(blob.sha256));
        if (added) {
          await mkdir(join(folder, blob.sha256.slice(0, 2)), { recursive: true });
          await rename(partial, pathOf(blob.sha256));
        } else {
          await rm(partial, { force: true });
        }
        return { ...blob, added };
      } catch (error) {
        // A refusal can come before the file is even opened; it is created when the open completes, so the
        // partial file is removed only once the stream has closed, or it would stay behind.
        if (!sink.closed) await new Promise<void>((closed) => sink.once('close', () => closed()));
        await rm(partial, { force: true });
        throw error;
      }
    },
    async get(sha256) {
      checkAddress(sha256);
      if (!(await has(sha256))) throw new NotFoundError(`Blob ${sha256}`);
      return createReadStream(pathOf(sha256));
    },
    has: (sha256) => has(sha256),
    async verify(sha256) {
      if (!(await has(sha256))) return 'missing';
      return (await hashOf(createReadStream(pathOf(sha256)))) === sha256 ? 'intact' : 'altered';
    },
    async discard(sha256) {
      if (SHA256_HEX.test(sha256)) await rm(pathOf(sha256), { force: true });
    },
  };
}

/** The folder store when `folder` is given (`ASSAY_BLOB_DIR`), else the database's. */
export function createBlobStore(db: Executor, deps: Pick<StoreDependencies, 'clock'>, folder?: string | null): BlobStore {
  return folder ? createFolderBlobStore(folder) : createDatabaseBlobStore(db, deps);
}
