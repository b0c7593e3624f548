/** Sign in (rate-limited), sign out, and who am I. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE } from '../../authentication.js';
import { problemSchema } from '../../problem.js';
import type { ApiOptions } from '../index.js';
import { loginBody, meSchema, signedInSchema } from './schemas.js';

export async function authRoutes(fastify: FastifyInstance, options: ApiOptions): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { auth } = options.services;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies } as const;

  app.post('/auth/login', {
    config: {
      permission: 'public',
      // Slows password guessing: a few attempts a minute for each client address.
      rateLimit: { max: options.loginRateLimit, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password; sets the session cookie',
      body: loginBody,
      response: { 200: signedInSchema, 401: problemSchema },
    },
    handler: async (request, reply) => {
      const signedIn = await auth.login(request.body.email, request.body.password);
      reply.setCookie(SESSION_COOKIE, signedIn.token, { ...cookieOptions, expires: new Date(signedIn.expiresAt) });
      return { user: signedIn.user, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt };
    },
  });

  app.post('/auth/logout', {
    config: { permission: 'signed-in' },
    schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null() } },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await auth.logout(actorOf(request), token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  });

  app.get('/auth/me', {
    config: { permission: 'signed-in' },
    schema: { tags: ['auth'], summary: 'Who is calling', response: { 200: meSchema } },
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
}
