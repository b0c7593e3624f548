/** Password hashing: argon2id with the library's defaults (OWASP's recommended minimum). */
import { hash, verify } from '@node-rs/argon2';
import { ValidationError } from '../../domain/index.js';

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../domain/limits.js';

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

/** A hash to verify against when the account does not exist, so a wrong email costs as long as a wrong password. */
let dummyHash: Promise<string> | null = null;

export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new ValidationError(
      [{ location: 'password', message: `must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long` }],
      'The password is not acceptable',
    );
  }
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hash('assay-timing-equaliser');
    await verify(await dummyHash, password);
    return false;
  }
  return verify(passwordHash, password);
}
