/**
 * Subscriptions to an organisation's trust page: e-mail (active only once the address confirms, so nobody can
 * subscribe someone else) or a webhook (active at once, each POST signed with a secret of its own). What a
 * notification says is decided here from the published snapshots only.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ConflictError } from '../errors.js';
import type { Subprocessor } from './index.js';

export const SUBSCRIPTION_KINDS = ['email', 'webhook'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/** Pending until an e-mail address confirms; active; unsubscribed for good (subscribing again starts anew). */
export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'unsubscribed'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** The header a webhook POST carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of the body>`. */
export const SIGNATURE_HEADER = 'Assay-Signature';

/** The status a confirmation leads to: a pending subscription becomes active; confirming twice changes nothing. */
export function confirmedStatus(status: SubscriptionStatus): SubscriptionStatus {
  if (status === 'unsubscribed') throw new ConflictError('This subscription was cancelled: subscribe again');
  return 'active';
}

/** The `Assay-Signature` value of a body sent at `at`: the HMAC-SHA256 of the exact body bytes, in hex. */
export function signature(secret: string, body: string, at: Date): string {
  return `t=${Math.floor(at.getTime() / 1000)},v1=${bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(body)))}`;
}

/** Whether `header` is the signature of `body` under `secret` (what a receiver checks; compared in constant time). */
export function signatureMatches(secret: string, body: string, header: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]));
  const expected = bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(body)));
  const given = parts['v1'] ?? '';
  if (given.length !== expected.length || !/^\d+$/.test(parts['t'] ?? '')) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return difference === 0;
}

const keyOf = (s: Subprocessor) => JSON.stringify([s.name, s.purpose, s.location]);

/**
 * The subprocessors added and removed between two published lists (a changed purpose or location is the old
 * entry removed and the new one added); `before` is empty when nothing was published.
 */
export function subprocessorChanges(before: readonly Subprocessor[], after: readonly Subprocessor[]): { added: Subprocessor[]; removed: Subprocessor[] } {
  const had = new Set(before.map(keyOf));
  const has = new Set(after.map(keyOf));
  return { added: after.filter((s) => !had.has(keyOf(s))), removed: before.filter((s) => !has.has(keyOf(s))) };
}

/**
 * Subscriptions (active, or pending within the confirm window) an organisation keeps: bounds what one
 * publication costs to notify.
 */
export const MAX_SUBSCRIPTIONS = 1000;

/**
 * How long a pending e-mail subscription waits for its confirmation: within it, it holds a place and its address
 * gets no second confirm e-mail (so nobody can mail an address over and over); after it, it holds none.
 */
export const CONFIRM_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The start of the confirm window that is open at `now`: a pending subscription made before it has lapsed. */
export const confirmWindowStart = (now: Date): Date => new Date(now.getTime() - CONFIRM_WINDOW_MS);
