import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '../errors.js';
import { invitationStatus, requireInvitee, requirePending } from './invitation.js';
import { sessionExpiry } from './lifetimes.js';
import { oneTimeLink } from './links.js';
import { ACCOUNT_THROTTLE, lockDuration, secondsUntil } from './throttle.js';

const pending = { email: 'ann@acme.example', expiresAt: '2026-03-08T09:00:00.000Z', acceptedAt: null, revokedAt: null };
const hour = 3_600_000;

describe('invitations', () => {
  it('is pending until it expires, then refused with a reason', () => {
    expect(invitationStatus(pending, new Date('2026-03-08T08:59:59.999Z'))).toBe('pending');
    expect(invitationStatus(pending, new Date('2026-03-08T09:00:00.000Z'))).toBe('expired');
    expect(() => requirePending(pending, new Date('2026-03-09T00:00:00Z'))).toThrow(new ConflictError('This invitation has expired; ask the organisation’s admin for a new one'));
  });

  it('says an accepted invitation was accepted, even once expired, and a revoked one revoked', () => {
    const late = new Date('2026-04-01T00:00:00Z');
    expect(() => requirePending({ ...pending, acceptedAt: '2026-03-02T00:00:00.000Z' }, late)).toThrow(/already been accepted/);
    expect(() => requirePending({ ...pending, revokedAt: '2026-03-02T00:00:00.000Z' }, late)).toThrow(/was revoked/);
  });

  it('is accepted only by the person it names, whatever the case of the address', () => {
    expect(() => requireInvitee(pending, ' Ann@Acme.Example ')).not.toThrow();
    expect(() => requireInvitee(pending, 'bob@acme.example')).toThrow(ForbiddenError);
    expect(() => requireInvitee(pending, 'bob@acme.example')).toThrow(/for ann@acme\.example; you are signed in as bob@acme\.example/);
  });
});

describe('session lifetime', () => {
  it('slides by the idle timeout, but never past seven days after sign-in', () => {
    const created = new Date('2026-03-01T09:00:00.000Z');
    expect(sessionExpiry(created, created).toISOString()).toBe('2026-03-01T21:00:00.000Z');
    expect(sessionExpiry(created, new Date(created.getTime() + 24 * hour)).toISOString()).toBe('2026-03-02T21:00:00.000Z');
    expect(sessionExpiry(created, new Date(created.getTime() + 160 * hour)).toISOString()).toBe('2026-03-08T09:00:00.000Z');
  });
});

describe('throttling', () => {
  it('frees five failures, then doubles the lock from 30 seconds up to 15 minutes', () => {
    expect([4, 5, 6, 7, 8, 9, 10, 50].map((n) => lockDuration(n, ACCOUNT_THROTTLE) / 1000)).toEqual([0, 30, 60, 120, 240, 480, 900, 900]);
  });

  it('rounds the wait up to whole seconds, at least one', () => {
    const now = new Date('2026-03-01T09:00:00.000Z');
    expect(secondsUntil(new Date(now.getTime() + 1500), now)).toBe(2);
    expect(secondsUntil(now, now)).toBe(1);
  });
});

describe('one-time links', () => {
  it('puts the secret in the fragment, whatever the base ends with', () => {
    expect(oneTimeLink('https://assay.example/', '/invitation', 's3cr3t')).toBe('https://assay.example/invitation#s3cr3t');
    expect(oneTimeLink('http://localhost:3000', '/reset-password', 'x')).toBe('http://localhost:3000/reset-password#x');
  });
});
