/**
 * The installation's public address, for the links it hands out (invitations, password resets): `--public-url`,
 * else `ASSAY_PUBLIC_URL`. Links carry secrets, so the address must be one the invitee reaches over HTTP(S).
 */
import { InvalidArgumentError } from 'commander';
import { ValidationError } from '../domain/index.js';
import { envOf, type CliIO } from './io.js';

export const PUBLIC_URL_ENV = 'ASSAY_PUBLIC_URL';
export const PUBLIC_URL_HELP = `the address people use to reach Assay, for the links it hands out (default: $${PUBLIC_URL_ENV}`;

const NOT_A_URL = 'must be an http:// or https:// address, e.g. https://assay.example.com';

/** An http(s) URL without a trailing slash, or null. */
function normalized(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? `${url.origin}${url.pathname}`.replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
}

/** Commander's parser for `--public-url`. */
export function publicUrl(value: string): string {
  const url = normalized(value);
  if (url === null) throw new InvalidArgumentError(NOT_A_URL);
  return url;
}

/** `--public-url` (already parsed), else `$ASSAY_PUBLIC_URL` (exit 2 when it is not an address), else `fallback`. */
export function resolvePublicUrl<T extends string | null>(option: string | undefined, io: CliIO, fallback: T): string | T {
  if (option !== undefined) return option;
  const fromEnv = envOf(io)[PUBLIC_URL_ENV];
  if (!fromEnv) return fallback;
  const url = normalized(fromEnv);
  if (url === null) throw new ValidationError([{ location: `$${PUBLIC_URL_ENV}`, message: NOT_A_URL }], 'A setting is not valid');
  return url;
}
