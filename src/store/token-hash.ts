/**
 * Session and API tokens are long random strings: a plain SHA-256 is the right hash for them (no salt or
 * slow hash needed, unlike passwords), and lets the store find a token by its hash in one indexed lookup.
 */
import { hash } from 'node:crypto';

/** One call per request: the one-shot `hash` (UTF-8 in, hex out) costs half of a `createHash` object's round. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}
