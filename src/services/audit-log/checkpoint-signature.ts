/**
 * What a checkpoint of the audit chain says and how it is signed: Ed25519 over the canonical JSON of
 * `{ statement: "assay audit checkpoint", seq, hash, createdAt }`, so anyone with the public key can check it
 * with any Ed25519 library. The private key lives in a file outside the database (see the CLI's key file).
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { ValidationError } from '../../domain/index.js';
import { canonicalJson } from '../../store/canonical-json.js';

/** What a checkpoint vouches for: the chain's place (seq and hash) at a time. */
export interface CheckpointStatement {
  seq: number;
  hash: string;
  createdAt: string;
}

/** Signs checkpoints with the installation's private key. */
export interface CheckpointSigner {
  keyId: string;
  publicKey: KeyObject;
  sign(statement: CheckpointStatement): string;
}

/** How a public key is written on one line: `ed25519:` and the raw 32 bytes in base64url. */
const PUBLIC_KEY_PREFIX = 'ed25519:';

function message(statement: CheckpointStatement): Buffer {
  const { seq, hash, createdAt } = statement;
  return Buffer.from(canonicalJson({ statement: 'assay audit checkpoint', seq, hash, createdAt }), 'utf8');
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url');
}

/** The first 16 hex digits of the SHA-256 of the raw public key: names the key in checkpoints and messages. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

/** The public key on one line, for printing, anchoring and `assay verify --public-key`. */
export function publicKeyText(publicKey: KeyObject): string {
  return `${PUBLIC_KEY_PREFIX}${rawPublicKey(publicKey).toString('base64url')}`;
}

/** A public key from its one-line form or a PEM (SPKI) text; bad input is a ValidationError at `location`. */
export function parsePublicKey(text: string, location: string): KeyObject {
  const trimmed = text.trim();
  try {
    const key = trimmed.startsWith(PUBLIC_KEY_PREFIX)
      ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: trimmed.slice(PUBLIC_KEY_PREFIX.length) }, format: 'jwk' })
      : createPublicKey(trimmed);
    if (key.asymmetricKeyType === 'ed25519' && rawPublicKey(key).length === 32) return key;
  } catch {
    // Refused below, with the form a key takes.
  }
  throw new ValidationError(
    [{ location, message: `not an Ed25519 public key: give "${PUBLIC_KEY_PREFIX}…" as \`assay checkpoint public-key\` prints it, or a PEM file` }],
    'Cannot read the public key',
  );
}

export function signerOf(privateKey: KeyObject): CheckpointSigner {
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKey,
    sign: (statement) => sign(null, message(statement), privateKey).toString('base64'),
  };
}

/** Whether one of the keys signed this statement. */
export function signedByOneOf(publicKeys: readonly KeyObject[], statement: CheckpointStatement, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64');
  return publicKeys.some((key) => verify(null, message(statement), key, bytes));
}
