import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/index.js';
import { keyIdOf, parsePublicKey, publicKeyText, signedByOneOf, signerOf } from './checkpoint-signature.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = signerOf(privateKey);
const statement = { seq: 42, hash: 'a'.repeat(64), createdAt: '2026-06-30T12:00:00.000Z' };

describe('checkpoint signatures', () => {
  it('sign the canonical JSON of the statement, as any Ed25519 library can check', () => {
    const signature = signer.sign(statement);
    const text = `{"createdAt":"2026-06-30T12:00:00.000Z","hash":"${'a'.repeat(64)}","seq":42,"statement":"assay audit checkpoint"}`;
    expect(verify(null, Buffer.from(text), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(signedByOneOf([publicKey], statement, signature)).toBe(true);
  });

  it('do not verify for another statement, another key, or a damaged signature', () => {
    const signature = signer.sign(statement);
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(signedByOneOf([publicKey], { ...statement, seq: 43 }, signature)).toBe(false);
    expect(signedByOneOf([publicKey], { ...statement, createdAt: '2026-07-01T12:00:00.000Z' }, signature)).toBe(false);
    expect(signedByOneOf([other], statement, signature)).toBe(false);
    expect(signedByOneOf([other, publicKey], statement, signature)).toBe(true);
    // A damaged signature: its first character changed (to one it is not already).
    const damaged = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(signedByOneOf([publicKey], statement, damaged)).toBe(false);
    expect(signedByOneOf([publicKey], statement, '')).toBe(false);
  });

  it('write the public key on one line and read it back, or from PEM; name it by the hash of its bytes', () => {
    const line = publicKeyText(publicKey);
    expect(line).toMatch(/^ed25519:[A-Za-z0-9_-]{43}$/);
    expect(publicKeyText(parsePublicKey(line, '--public-key'))).toBe(line);
    expect(publicKeyText(parsePublicKey(publicKey.export({ format: 'pem', type: 'spki' }).toString(), 'key.pem'))).toBe(line);
    const raw = Buffer.from(line.slice('ed25519:'.length), 'base64url');
    expect(keyIdOf(publicKey)).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 16));
    expect(signer.keyId).toBe(keyIdOf(publicKey));
  });

  it('refuse what is not an Ed25519 public key, at where it was given', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    for (const text of ['ed25519:short', 'hello', rsa]) {
      expect(() => parsePublicKey(text, '--public-key')).toThrow(ValidationError);
    }
    expect(() => parsePublicKey('nope', 'keys/anchor.pub')).toThrow(/not an Ed25519 public key/);
  });
});
