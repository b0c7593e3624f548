/**
 * Laws of the account rules: a lock never shrinks as failures grow and never passes its ceiling; a session used
 * at any moment never outlives its absolute end nor its idle timeout; an invitation that was accepted or revoked
 * stays so whatever the clock says.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { invitationStatus } from './invitation.js';
import { DEFAULT_SESSION_LIFETIME, sessionEnd, sessionExpiry } from './lifetimes.js';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, lockDuration } from './throttle.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const START = Date.parse('2026-03-01T09:00:00.000Z');
const arbInstant = fc.integer({ min: 0, max: 60 * 86_400_000 }).map((ms) => new Date(START + ms));

describe('sign-in throttling', () => {
  prop.prop([fc.constantFrom(ACCOUNT_THROTTLE, ADDRESS_THROTTLE), fc.nat(10_000)], { numRuns: RUNS })(
    'one more failure never shortens the lock, and no lock passes the ceiling',
    (policy, failures) => {
      const lock = lockDuration(failures, policy);
      expect(lockDuration(failures + 1, policy)).toBeGreaterThanOrEqual(lock);
      expect(lock).toBeLessThanOrEqual(policy.maxLockMs);
      expect(Number.isFinite(lock)).toBe(true);
      expect(lock === 0).toBe(failures < policy.freeFailures);
    },
  );
});

describe('session lifetime', () => {
  prop.prop([arbInstant, arbInstant], { numRuns: RUNS })('a session used at any time ends by its absolute end and within the idle timeout', (a, b) => {
    const [createdAt, usedAt] = a <= b ? [a, b] : [b, a];
    const expiry = sessionExpiry(createdAt, usedAt);
    expect(expiry.getTime()).toBeLessThanOrEqual(sessionEnd(createdAt).getTime());
    expect(expiry.getTime()).toBeLessThanOrEqual(usedAt.getTime() + DEFAULT_SESSION_LIFETIME.idleMs);
  });
});

describe('invitation status', () => {
  const arbState = fc.record({
    email: fc.constant('ann@acme.example'),
    expiresAt: arbInstant.map((d) => d.toISOString()),
    acceptedAt: fc.option(arbInstant.map((d) => d.toISOString())),
    revokedAt: fc.option(arbInstant.map((d) => d.toISOString())),
  });
  prop.prop([arbState, arbInstant, arbInstant], { numRuns: RUNS })('accepted or revoked stays so at any time; only a pending one expires', (state, t1, t2) => {
    const [earlier, later] = t1 <= t2 ? [t1, t2] : [t2, t1];
    const before = invitationStatus(state, earlier);
    const after = invitationStatus(state, later);
    if (before === 'accepted' || before === 'revoked') expect(after).toBe(before);
    if (before === 'expired') expect(after).toBe('expired');
    if (after === 'pending') expect(before).toBe('pending');
  });
});
