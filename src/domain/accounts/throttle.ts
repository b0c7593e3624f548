/**
 * Sign-in throttling: failed sign-ins are counted per account (the email typed, whether or not an account has
 * it, so a lock says nothing about which accounts exist) and per client address. A few failures are free; each
 * further one locks the key for twice as long as the last, up to a ceiling. A quiet period forgets the count.
 */

export interface ThrottlePolicy {
  /** Failures allowed before the first lock. */
  freeFailures: number;
  /** The first lock; each further failure doubles it. */
  baseLockMs: number;
  /** The longest lock: a ceiling, so an attacker cannot lock a person out for days. */
  maxLockMs: number;
  /** Failures older than this (since the last one) are forgotten. */
  forgetAfterMs: number;
}

const MINUTE_MS = 60_000;

/** An account: a person mistypes a few times; a guesser is slowed to a handful of tries an hour. */
export const ACCOUNT_THROTTLE: ThrottlePolicy = {
  freeFailures: 5,
  baseLockMs: 30_000,
  maxLockMs: 15 * MINUTE_MS,
  forgetAfterMs: 24 * 60 * MINUTE_MS,
};

/**
 * A client address (an IPv4 address or an IPv6 /64): more room, since an office may share one, and a shorter
 * memory. It stops one machine from trying passwords across many accounts.
 */
export const ADDRESS_THROTTLE: ThrottlePolicy = {
  freeFailures: 20,
  baseLockMs: 30_000,
  maxLockMs: 15 * MINUTE_MS,
  forgetAfterMs: 60 * MINUTE_MS,
};

/** How long a key is locked after its `failures`-th failure in a row: 0 while failures are free. */
export function lockDuration(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = failures - policy.freeFailures;
  // 2^doublings overflows to Infinity long after the ceiling is reached; min keeps it finite.
  return Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** Math.min(doublings, 52));
}

/** Whole seconds until `lockedUntil` (at least 1 while locked): the Retry-After a client is given. */
export function secondsUntil(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
}
