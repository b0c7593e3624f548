/**
 * Throttling sign-ins (see src/domain/accounts/throttle.ts for the rule): before a password is checked, a locked
 * account or address is refused (no argon2 run, so a locked guesser costs the server nothing); after a failure,
 * both keys count it. The account key is the email as typed, whether or not an account has it, so a lock answers
 * the same way for every address and reveals no account.
 */
import {
  ACCOUNT_THROTTLE,
  ADDRESS_THROTTLE,
  TooManyAttemptsError,
  lockDuration,
  secondsUntil,
  type ThrottlePolicy,
} from '../../domain/index.js';
import type { SignInThrottleRepository } from '../../store/sign-in-throttle-repository.js';
import { normalizeEmail } from '../../store/users-repository.js';
import type { Executor } from '../../store/values.js';
import { throttleAddress } from '../platform/client-address.js';

export interface ThrottlePolicies {
  account: ThrottlePolicy;
  address: ThrottlePolicy;
}

export const DEFAULT_THROTTLE: ThrottlePolicies = { account: ACCOUNT_THROTTLE, address: ADDRESS_THROTTLE };

export function createSignInThrottle(deps: {
  throttle: SignInThrottleRepository;
  clock: () => Date;
  policies?: ThrottlePolicies;
}) {
  const { throttle, clock } = deps;
  const policies = deps.policies ?? DEFAULT_THROTTLE;
  const accountKey = (email: string) => `account:${normalizeEmail(email)}`;
  const keys = (email: string, address: string | null) => [
    { key: accountKey(email), policy: policies.account },
    ...(address === null ? [] : [{ key: `address:${throttleAddress(address)}`, policy: policies.address }]),
  ];

  return {
    /** Refuses (TooManyAttemptsError, with the wait) while the account or the address is locked. */
    async check(email: string, address: string | null): Promise<void> {
      const until = await throttle.lockedUntil(keys(email, address).map((k) => k.key));
      if (until !== null) throw new TooManyAttemptsError(secondsUntil(new Date(until), clock()));
    },

    /** Counts a failed sign-in against the account and the address, locking each that has had too many. */
    async recordFailure(email: string, address: string | null): Promise<void> {
      for (const { key, policy } of keys(email, address)) {
        const now = clock().getTime();
        const failures = await throttle.recordFailure(key, new Date(now - policy.forgetAfterMs));
        const lock = lockDuration(failures, policy);
        if (lock > 0) await throttle.lock(key, new Date(now + lock));
      }
    },

    /** Forgets the account's failures: it signed in, or its password was reset. The address keeps its count. */
    async clearAccount(email: string, trx?: Executor): Promise<void> {
      await throttle.clear(accountKey(email), trx);
    },

    /** Housekeeping: forgets counters nobody has added to for longer than any policy remembers. */
    async sweep(): Promise<void> {
      const longest = Math.max(policies.account.forgetAfterMs, policies.address.forgetAfterMs);
      await throttle.removeStale(new Date(clock().getTime() - longest));
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
