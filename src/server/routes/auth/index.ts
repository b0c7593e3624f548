/**
 * Sign in (throttled), sign out (here or everywhere), who am I, and one's password: changed with the current
 * one, or set from a one-time reset link.
 */
import { z } from 'zod';
import { TooManyAttemptsError, UnauthenticatedError } from '../../../domain/index.js';
import { actorOf, SESSION_COOKIE } from '../../authentication.js';
import { publicRateLimit, routeModule } from '../route.js';
import { clearSessionCookie, setSessionCookie, signedInBody } from './cookie.js';
import { changePasswordBody, endedSchema, loginBody, meSchema, resetPasswordBody, problemSchema, signedInSchema } from '../../../contract/index.js';

export const authRoutes = routeModule('auth', (app, route, { auth, passwords }, options) => {
  const rateLimit = publicRateLimit(options);

  app.post('/auth/login', {
    ...route('public', 'Sign in with email and password; sets the session cookie (429 with Retry-After while the account or address is locked)',
      { body: loginBody, response: { 200: signedInSchema, 401: problemSchema, 429: problemSchema } }, { rateLimit }),
    handler: async (request, reply) => {
      const { email, password } = request.body;
      try {
        const signedIn = await auth.login(email, password, request.ip);
        setSessionCookie(reply, signedIn, options.secureCookies);
        return signedInBody(signedIn);
      } catch (error) {
        if (error instanceof UnauthenticatedError || error instanceof TooManyAttemptsError) {
          request.log.warn({ account: email, address: request.ip, locked: error instanceof TooManyAttemptsError }, 'sign-in refused');
        }
        throw error;
      }
    },
  });

  app.post('/auth/logout', {
    ...route('signed-in', 'Sign out: ends this session', { response: { 204: z.null() } }),
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await auth.logout(actorOf(request), token);
      clearSessionCookie(reply, options.secureCookies);
      return reply.status(204).send(null);
    },
  });

  app.post('/auth/sessions/end-all', {
    ...route('signed-in', 'Sign out everywhere: ends every session of the caller, this one too', { response: { 200: endedSchema } }),
    handler: async (request, reply) => {
      const sessionsEnded = await auth.endAllSessions(actorOf(request));
      clearSessionCookie(reply, options.secureCookies);
      return { sessionsEnded };
    },
  });

  app.get('/auth/me', {
    ...route('signed-in', 'Who is calling', { response: { 200: meSchema } }),
    handler: async (request) => {
      const actor = actorOf(request);
      return {
        kind: actor.kind,
        // A token acts as its creator: the person it answers for.
        user: actor.kind === 'operator' ? null : await auth.user(actor.userId),
        token: actor.kind === 'token' ? { id: actor.tokenId, name: actor.name, organizationId: actor.organizationId, role: actor.role } : null,
        csrfToken: request.sessionCsrfToken,
      };
    },
  });

  app.post('/auth/password', {
    ...route('signed-in', 'Change your password (the current one required); every other session of yours ends',
      { body: changePasswordBody, response: { 200: endedSchema, 422: problemSchema, 429: problemSchema } }),
    handler: async (request) => {
      const sessionsEnded = await passwords.change(actorOf(request), { ...request.body, keepSession: request.cookies[SESSION_COOKIE] ?? null });
      return { sessionsEnded };
    },
  });

  app.post('/auth/password-reset', {
    ...route('public', 'Set a new password from a one-time reset link (`assay user reset-password`); every session of the person ends',
      { body: resetPasswordBody, response: { 204: z.null(), 422: problemSchema } }, { rateLimit }),
    handler: async (request, reply) => {
      await passwords.reset(request.body.token, request.body.newPassword);
      return reply.status(204).send(null);
    },
  });
});
