/**
 * How long the secrets of an account last: sessions (an idle timeout that slides with use, inside an absolute
 * lifetime that never moves), invitations and password-reset links (single-use, expiring).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A session ends after this long without use; each use slides it forward. */
export const SESSION_IDLE_MS = 12 * HOUR_MS;
/** A session ends this long after sign-in, however much it is used: a stolen cookie does not live forever. */
export const SESSION_MAX_AGE_MS = 7 * DAY_MS;
/** An invitation link works this long: long enough to reach someone back from a week away. */
export const INVITATION_TTL_MS = 7 * DAY_MS;
/** A password-reset link works this long: the operator hands it over the same day. */
export const PASSWORD_RESET_TTL_MS = DAY_MS;

export interface SessionLifetime {
  idleMs: number;
  maxAgeMs: number;
}

export const DEFAULT_SESSION_LIFETIME: SessionLifetime = { idleMs: SESSION_IDLE_MS, maxAgeMs: SESSION_MAX_AGE_MS };

/** When a session used at `now` ends: the idle timeout from now, never past its absolute end. */
export function sessionExpiry(createdAt: Date, now: Date, lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME): Date {
  return new Date(Math.min(now.getTime() + lifetime.idleMs, sessionEnd(createdAt, lifetime).getTime()));
}

/** The absolute end of a session begun at `createdAt`. */
export function sessionEnd(createdAt: Date, lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME): Date {
  return new Date(createdAt.getTime() + lifetime.maxAgeMs);
}
