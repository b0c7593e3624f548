/** The random secrets behind sessions, API tokens, invitations and reset links: 256 bits, URL-safe. */
import { randomBytes } from 'node:crypto';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
