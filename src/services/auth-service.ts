/**
 * Signing in and out, and telling who sent a request: a browser session (cookie) or an API token (bearer).
 * Only hashes of session and API tokens are stored.
 */
import { randomBytes } from 'node:crypto';
import { UnauthenticatedError } from '../domain/index.js';
import type { ApiTokensRepository } from '../store/api-tokens-repository.js';
import type { SessionsRepository } from '../store/sessions-repository.js';
import type { User, UsersRepository } from '../store/users-repository.js';
import type { Executor } from '../store/values.js';
import type { Actor } from './actor.js';
import type { AuditLog } from './audit.js';
import { verifyPassword } from './passwords.js';

/** How long a session lasts without use; each use slides it forward. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Sliding happens at most this often, so reads do not write on every request. */
const SESSION_REFRESH_MS = 10 * 60 * 1000;
/** API tokens record their last use at most this often. */
const TOKEN_TOUCH_MS = 60 * 1000;

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export interface SignedIn {
  /** The session token for the cookie; never stored. */
  token: string;
  /** The value cookie-authenticated writes must echo in the `x-csrf-token` header. */
  csrfToken: string;
  user: User;
  expiresAt: string;
}

export interface Authenticated {
  actor: Actor;
  /** Set for a browser session: writes must echo it (CSRF). Null for an API token. */
  csrfToken: string | null;
}

export function createAuthService(deps: {
  db: Executor;
  users: Pick<UsersRepository, 'findCredentials' | 'findById'>;
  sessions: Pick<SessionsRepository, 'create' | 'findActive' | 'extend' | 'remove'>;
  tokens: Pick<ApiTokensRepository, 'findActive' | 'markUsed'>;
  audit: AuditLog;
  clock: () => Date;
}) {
  const { db, users, sessions, tokens, audit, clock } = deps;
  const lastTouched = new Map<string, number>();

  return {
    async login(email: string, password: string): Promise<SignedIn> {
      const credentials = await users.findCredentials(email);
      const ok = await verifyPassword(credentials?.passwordHash ?? null, password);
      const user = ok && credentials ? await users.findById(credentials.userId) : null;
      if (!user) throw new UnauthenticatedError('The email or the password is not right');
      const token = newSecret();
      const csrfToken = newSecret();
      const expiresAt = new Date(clock().getTime() + SESSION_TTL_MS);
      await db.transaction().execute(async (trx) => {
        await sessions.create({ token, userId: user.id, expiresAt, csrfSecret: csrfToken }, trx);
        await audit.record(trx, { kind: 'user', userId: user.id, email: user.email }, {
          type: 'session.created',
          organizationId: null,
          subject: `user:${user.id}`,
        });
      });
      return { token, csrfToken, user, expiresAt: expiresAt.toISOString() };
    },

    async logout(actor: Actor, token: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const removed = await sessions.remove(token, trx);
        if (removed && actor.kind === 'user') {
          await audit.record(trx, actor, { type: 'session.ended', organizationId: null, subject: `user:${actor.userId}` });
        }
      });
    },

    async user(userId: string): Promise<User | null> {
      return users.findById(userId);
    },

    /** The user behind a session token, or null when it is unknown or expired. */
    async fromSession(token: string): Promise<Authenticated | null> {
      const session = await sessions.findActive(token);
      if (!session) return null;
      const user = await users.findById(session.userId);
      if (!user) return null;
      const now = clock().getTime();
      if (Date.parse(session.expiresAt) - now < SESSION_TTL_MS - SESSION_REFRESH_MS) {
        await sessions.extend(token, new Date(now + SESSION_TTL_MS));
      }
      return { actor: { kind: 'user', userId: user.id, email: user.email }, csrfToken: session.csrfSecret };
    },

    /**
     * The actor behind an API token: its creator, within the lesser of the token's role and theirs today; null
     * when the token is unknown, revoked or expired, or its creator no longer belongs to its organisation.
     */
    async fromApiToken(secret: string): Promise<Authenticated | null> {
      const token = await tokens.findActive(secret);
      if (!token) return null;
      const now = clock().getTime();
      if (now - (lastTouched.get(token.id) ?? 0) > TOKEN_TOUCH_MS) {
        lastTouched.set(token.id, now);
        await tokens.markUsed(token.id);
      }
      return {
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
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
