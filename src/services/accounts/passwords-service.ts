/**
 * A person's password: changed by its owner (the current one required; their other sessions end), or set anew
 * from a one-time reset link that the operator prints with `assay user reset-password` (no e-mail needed; every
 * session ends). A link is single-use, expires, and is stored only as a hash.
 */
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PASSWORD_RESET_TTL_MS,
  ValidationError,
} from '../../domain/index.js';
import type { PasswordResetsRepository } from '../../store/password-resets-repository.js';
import type { SessionsRepository } from '../../store/sessions-repository.js';
import type { User, UsersRepository } from '../../store/users-repository.js';
import type { Executor } from '../../store/values.js';
import { requireOperator, type Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { hashPassword, verifyPassword } from '../platform/passwords.js';
import { newSecret } from '../platform/secrets.js';
import type { SignInThrottle } from './sign-in-throttle.js';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  /** The session the change is made from: it stays; every other one ends. */
  keepSession: string | null;
}

export interface IssuedReset {
  user: User;
  /** The link's secret: printed this once, never stored. */
  secret: string;
  expiresAt: string;
}

const RESET_REFUSED = 'is unknown, used, replaced by a newer link, or expired: ask the operator for a new one';

export function createPasswordsService(deps: {
  db: Executor;
  users: Pick<UsersRepository, 'findById' | 'findByEmail' | 'findCredentialsById' | 'setPasswordHash'>;
  sessions: Pick<SessionsRepository, 'removeForUser' | 'removeOthers'>;
  resets: PasswordResetsRepository;
  throttle: SignInThrottle;
  audit: AuditLog;
  clock: () => Date;
}) {
  const { db, users, sessions, resets, throttle, audit, clock } = deps;

  return {
    /**
     * Changes the caller's own password. A wrong current password counts against the account like a failed
     * sign-in, so a stolen session cannot be used to guess it. Returns how many other sessions ended.
     */
    async change(actor: Actor, input: PasswordChange): Promise<number> {
      if (actor.kind !== 'user') throw new ForbiddenError('Only a signed-in person changes their password');
      await throttle.check(actor.email, null);
      const credentials = await users.findCredentialsById(actor.userId);
      if (!credentials || !(await verifyPassword(credentials.passwordHash, input.currentPassword))) {
        await throttle.recordFailure(actor.email, null);
        throw new ValidationError([{ location: 'currentPassword', message: 'is not your current password' }], 'The password was not changed');
      }
      const passwordHash = await hashPassword(input.newPassword);
      return db.transaction().execute(async (trx) => {
        const user = await users.findById(actor.userId, trx);
        if (!user) throw new NotFoundError('Your account');
        await users.setPasswordHash(user.id, user.version, passwordHash, trx);
        const ended = input.keepSession === null ? await sessions.removeForUser(user.id, trx) : await sessions.removeOthers(user.id, input.keepSession, trx);
        await audit.record(trx, actor, { type: 'user.password_changed', organizationId: null, subject: `user:${user.id}`, after: { sessionsEnded: ended } });
        return ended;
      });
    },

    /** A one-time link to set a new password (operator only); it replaces any earlier link of the person. */
    async issueReset(actor: Actor, email: string): Promise<IssuedReset> {
      requireOperator(actor, 'issues password-reset links');
      const secret = newSecret();
      return db.transaction().execute(async (trx) => {
        const user = await users.findByEmail(email, trx);
        if (!user) throw new NotFoundError(`The account ${email}`);
        if (user.deactivatedAt !== null) throw new ConflictError(`The account ${user.email} is deactivated: reactivate it first`);
        const reset = await resets.replace(user.id, secret, new Date(clock().getTime() + PASSWORD_RESET_TTL_MS), trx);
        // The audit event says a link exists and until when; never the link.
        await audit.record(trx, actor, { type: 'user.password_reset_issued', organizationId: null, subject: `user:${user.id}`, after: { expiresAt: reset.expiresAt } });
        return { user, secret, expiresAt: reset.expiresAt };
      });
    },

    /**
     * Sets a new password from a reset link, once: every session of the person ends, and the account's failed
     * sign-ins are forgotten (the operator vouched for them). Returns the person's email.
     */
    async reset(token: string, newPassword: string): Promise<string> {
      const refused = () => new ValidationError([{ location: 'token', message: RESET_REFUSED }], 'The password-reset link cannot be used');
      // The link first: a made-up one costs no password hash.
      if (!(await resets.isUsable(token))) throw refused();
      const passwordHash = await hashPassword(newPassword);
      return db.transaction().execute(async (trx) => {
        const userId = await resets.consume(token, trx);
        const user = userId === null ? null : await users.findById(userId, trx);
        if (!user || user.deactivatedAt !== null) throw refused();
        await users.setPasswordHash(user.id, user.version, passwordHash, trx);
        const ended = await sessions.removeForUser(user.id, trx);
        await throttle.clearAccount(user.email, trx);
        await audit.record(trx, { kind: 'user', userId: user.id, email: user.email }, { type: 'user.password_reset', organizationId: null, subject: `user:${user.id}`, after: { sessionsEnded: ended } });
        return user.email;
      });
    },
  };
}

export type PasswordsService = ReturnType<typeof createPasswordsService>;
