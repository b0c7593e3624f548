/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), Secure unless
 * the operator runs plain HTTP on a loopback address, and kept by the browser until the session's absolute end
 * (the server ends it sooner when idle).
 */
import type { FastifyReply } from 'fastify';
import type { SignedIn } from '../../../services/accounts/sessions.js';
import { SESSION_COOKIE } from '../../authentication.js';

function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
}

export function setSessionCookie(reply: FastifyReply, signedIn: SignedIn, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, signedIn.token, { ...cookieOptions(secure), expires: new Date(signedIn.endsAt) });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

/** What a client is told of a new session: never the token itself (that is in the cookie). */
export function signedInBody(signedIn: SignedIn) {
  return { user: signedIn.user, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt };
}
