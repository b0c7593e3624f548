/**
 * The installation's checkpoint key: an Ed25519 private key in a PEM (PKCS #8) file, outside the database, given
 * by `--checkpoint-key` or `ASSAY_CHECKPOINT_KEY`. Whoever can write the database but not read this file cannot
 * sign a checkpoint. Created once, never overwritten: checkpoints it signed could no longer be told from forgeries.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { ValidationError } from '../domain/index.js';
import { signerOf, type CheckpointSigner } from '../services/audit-log/checkpoint-signature.js';
import { envOf, type CliIO } from './io.js';

export const CHECKPOINT_KEY_ENV = 'ASSAY_CHECKPOINT_KEY';
export const CHECKPOINT_KEY_OPTION_HELP = `the installation's checkpoint key file, kept outside the database (default: $${CHECKPOINT_KEY_ENV})`;

/** `--checkpoint-key`, else `ASSAY_CHECKPOINT_KEY`, else none. */
export function checkpointKeyPath(option: string | undefined, io: CliIO): string | undefined {
  const fromEnv = envOf(io)[CHECKPOINT_KEY_ENV];
  return option ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined);
}

/** The key file's path, or a usage error naming both ways to give it. */
export function requireCheckpointKeyPath(option: string | undefined, io: CliIO): string {
  const path = checkpointKeyPath(option, io);
  if (path === undefined) {
    throw new ValidationError([{ location: '--checkpoint-key', message: `give the key file, or set $${CHECKPOINT_KEY_ENV}` }], 'Which checkpoint key?');
  }
  return path;
}

/** Makes a new key in a new file readable by its owner only; an existing file is refused. */
export async function createCheckpointKey(path: string): Promise<CheckpointSigner> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
  await writeFile(path, pem, { flag: 'wx', mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
    const message =
      error.code === 'EEXIST'
        ? 'a file is already there: a key is never overwritten (checkpoints it signed could no longer be checked)'
        : `cannot write the key here (${error.code ?? error.message})`;
    throw new ValidationError([{ location: path, message }], 'Cannot create the checkpoint key');
  });
  return signerOf(privateKey);
}

/** Reads the key; warns (on stderr) when others than its owner may read it. */
export async function readCheckpointKey(path: string, io: CliIO): Promise<CheckpointSigner> {
  const refuse = (message: string) => new ValidationError([{ location: path, message }], 'Cannot read the checkpoint key');
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw refuse(error.code === 'ENOENT' ? 'no key file here: create one with `assay checkpoint init-key`' : `cannot read it (${error.code ?? error.message})`);
  });
  let key;
  try {
    key = createPrivateKey(text);
  } catch {
    throw refuse('not a private key in PEM form');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw refuse(`an ${key.asymmetricKeyType ?? 'unknown'} key: checkpoints are signed with Ed25519`);
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    io.err(`warning: ${path}: the checkpoint key is readable by others (mode ${mode.toString(8)}): chmod 600 it\n`);
  }
  return signerOf(key);
}
