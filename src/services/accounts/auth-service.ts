/**
 * Signing in and out, and telling who sent a request: a browser session (cookie) or an API token (bearer).
 * Only hashes of session and API tokens are stored. Sign-in is throttled per account and per address; a
 * session ends after its idle timeout or its absolute lifetime, whichever comes first.
 */
import { DEFAULT_SESSION_LIFETIME, ForbiddenError, UnauthenticatedError, sessionExpiry, type SessionLifetime } from '../../domain/index.js';
import type { ApiTokensRepository } from '../../store/api-tokens-repository.js';
import type { EngagementKeyReading } from '../../store/engagements-repository.js';
import type { SessionsRepository } from '../../store/sessions-repository.js';
import type { User, UsersRepository } from '../../store/users-repository.js';
import type { Executor } from '../../store/values.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { verifyPassword } from '../platform/passwords.js';
import type { SessionOpener, SignedIn } from './sessions.js';
import type { SignInThrottle } from './sign-in-throttle.js';

export { newSecret } from '../platform/secrets.js';
export type { SignedIn } from './sessions.js';

/** Sliding happens at most this often, so reads do not write on every request. */
const SESSION_REFRESH_MS = 10 * 60 * 1000;
/** API tokens record their last use at most this often. */
const TOKEN_TOUCH_MS = 60 * 1000;
/** Expired sessions and forgotten throttle counters are deleted at most this often (by a sign-in). */
const HOUSEKEEPING_MS = 10 * 60 * 1000;

/** One refusal for a wrong password, an unknown email and a deactivated account alike. */
export const SIGN_IN_REFUSED = 'The email or the password is not right';

export interface Authenticated {
  actor: Actor;
  /** Set for a browser session: writes must echo it (CSRF). Null for an API token. */
  csrfToken: string | null;
  /**
   * The examination key of the engagement the request names, read with the caller (one statement), which the
   * examination and the controls list take instead of reading it again; absent when the request named none.
   */
  engagement?: EngagementKeyReading;
}

export function createAuthService(deps: {
  db: Executor;
  users: Pick<UsersRepository, 'findCredentials' | 'findById'>;
  sessions: Pick<SessionsRepository, 'findActive' | 'extend' | 'remove' | 'removeForUser' | 'removeExpired'>;
  tokens: Pick<ApiTokensRepository, 'findActive' | 'markUsed'>;
  opener: SessionOpener;
  throttle: SignInThrottle;
  audit: AuditLog;
  clock: () => Date;
  lifetime?: SessionLifetime;
}) {
  const { db, users, sessions, tokens, opener, throttle, audit, clock } = deps;
  const lifetime = deps.lifetime ?? DEFAULT_SESSION_LIFETIME;
  const lastTouched = new Map<string, number>();
  let lastHousekeeping = 0;

  const housekeeping = async () => {
    const now = clock().getTime();
    if (now - lastHousekeeping < HOUSEKEEPING_MS) return;
    lastHousekeeping = now;
    await sessions.removeExpired();
    await throttle.sweep();
  };

  return {
    /**
     * A new session for the right email and password of an active account. `address` is the client's, for the
     * per-address throttle (null from the command line). A locked account or address is refused before the
     * password is checked (TooManyAttemptsError).
     */
    async login(email: string, password: string, address: string | null = null): Promise<SignedIn> {
      await housekeeping();
      await throttle.check(email, address);
      const credentials = await users.findCredentials(email);
      const ok = await verifyPassword(credentials?.passwordHash ?? null, password);
      const user = ok && credentials?.active ? await users.findById(credentials.userId) : null;
      if (!user) {
        await throttle.recordFailure(email, address);
        throw new UnauthenticatedError(SIGN_IN_REFUSED);
      }
      return db.transaction().execute(async (trx) => {
        await throttle.clearAccount(email, trx);
        return opener.open(trx, user);
      });
    },

    async logout(actor: Actor, token: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const removed = await sessions.remove(token, trx);
        if (removed && actor.kind === 'user') {
          await audit.record(trx, actor, { type: 'session.ended', organizationId: null, subject: `user:${actor.userId}` });
        }
      });
    },

    /** Signs the person out everywhere: every one of their sessions ends, this one too. Returns how many. */
    async endAllSessions(actor: Actor): Promise<number> {
      if (actor.kind !== 'user') throw new ForbiddenError('Only a signed-in person has sessions to end');
      return db.transaction().execute(async (trx) => {
        const ended = await sessions.removeForUser(actor.userId, trx);
        await audit.record(trx, actor, { type: 'session.ended_everywhere', organizationId: null, subject: `user:${actor.userId}`, after: { sessionsEnded: ended } });
        return ended;
      });
    },

    async user(userId: string): Promise<User | null> {
      return users.findById(userId);
    },

    /**
     * The user behind a session token, or null when it is unknown, expired, or its account deactivated. With
     * `organizationId` (the organisation a request names), the actor also carries their role there, and with
     * `engagementId` (that organisation's engagement the request names) that engagement's examination key comes
     * too, both read in the same query.
     */
    async fromSession(token: string, organizationId?: string, engagementId?: string): Promise<Authenticated | null> {
      const session = await sessions.findActive(token, organizationId, engagementId);
      if (!session) return null;
      const next = sessionExpiry(new Date(session.createdAt), clock(), lifetime);
      if (next.getTime() - Date.parse(session.expiresAt) > SESSION_REFRESH_MS) await sessions.extend(token, next);
      const actor: Actor = { kind: 'user', userId: session.userId, email: session.email };
      if (organizationId !== undefined && session.role !== undefined) actor.memberOf = { organizationId, role: session.role };
      const found: Authenticated = { actor, csrfToken: session.csrfSecret };
      if (session.engagement) found.engagement = session.engagement;
      return found;
    },

    /**
     * The actor behind an API token: its creator, within the lesser of the token's role and theirs today; null
     * when the token is unknown, revoked or expired, or its creator is deactivated or no longer belongs to its
     * organisation. With `engagementId`, the same statement reads that engagement's examination key.
     */
    async fromApiToken(secret: string, engagementId?: string): Promise<Authenticated | null> {
      const token = await tokens.findActive(secret, engagementId);
      if (!token) return null;
      const now = clock().getTime();
      if (now - (lastTouched.get(token.id) ?? 0) > TOKEN_TOUCH_MS) {
        lastTouched.set(token.id, now);
        await tokens.markUsed(token.id);
      }
      const found: Authenticated = {
        actor: {
          kind: 'token',
          tokenId: token.id,
          organizationId: token.organizationId,
          role: token.role,
          name: token.name,
          userId: token.createdBy,
          email: token.creatorEmail,
          creatorRole: token.creatorRole,
        },
        csrfToken: null,
      };
      if (token.engagement) found.engagement = token.engagement;
      return found;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
