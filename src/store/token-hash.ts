/**
 * Session and API tokens are long random strings: a plain SHA-256 is the right hash for them (no salt or
 * slow hash needed, unlike passwords), and lets the store find a token by its hash in one indexed lookup.
 */
import { createHash } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
