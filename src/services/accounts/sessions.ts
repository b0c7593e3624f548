/**
 * Opening a browser session for a person, inside the transaction that signs them in (a password, or an accepted
 * invitation that created their account). The token goes to the cookie and only its hash is stored.
 */
import { DEFAULT_SESSION_LIFETIME, sessionEnd, sessionExpiry, type SessionLifetime } from '../../domain/index.js';
import type { SessionsRepository } from '../../store/sessions-repository.js';
import type { User } from '../../store/users-repository.js';
import type { Trx } from '../../store/values.js';
import type { AuditLog } from '../platform/audit.js';
import { newSecret } from '../platform/secrets.js';

export interface SignedIn {
  /** The session token for the cookie; never stored. */
  token: string;
  /** The value cookie-authenticated writes must echo in the `x-csrf-token` header. */
  csrfToken: string;
  user: User;
  /** When the session ends unless used (the idle timeout; each use slides it). */
  expiresAt: string;
  /** When the session ends however much it is used (its absolute lifetime). */
  endsAt: string;
}

export function createSessionOpener(deps: {
  sessions: Pick<SessionsRepository, 'create'>;
  audit: AuditLog;
  clock: () => Date;
  lifetime?: SessionLifetime;
}) {
  const lifetime = deps.lifetime ?? DEFAULT_SESSION_LIFETIME;
  return {
    async open(trx: Trx, user: User): Promise<SignedIn> {
      const now = deps.clock();
      const token = newSecret();
      const csrfToken = newSecret();
      const expiresAt = sessionExpiry(now, now, lifetime);
      await deps.sessions.create({ token, userId: user.id, expiresAt, csrfSecret: csrfToken }, trx);
      await deps.audit.record(trx, { kind: 'user', userId: user.id, email: user.email }, {
        type: 'session.created',
        organizationId: null,
        subject: `user:${user.id}`,
      });
      return { token, csrfToken, user, expiresAt: expiresAt.toISOString(), endsAt: sessionEnd(now, lifetime).toISOString() };
    },
  };
}

export type SessionOpener = ReturnType<typeof createSessionOpener>;
