/** What the server adds to Fastify's types: the caller on each request, and each route's declared permission. */
import type { Action } from '../domain/index.js';
import type { Actor } from '../services/platform/actor.js';
import type { EngagementKeyReading } from '../services/engagements/examination-service.js';

/**
 * What a route requires: `public` (anyone, e.g. login, health), `signed-in` (any authenticated caller, for
 * routes about the caller itself), or an action of the permission table, checked in the organisation of the
 * route's `:organizationId`.
 */
export type RoutePermission = 'public' | 'signed-in' | Action;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The session's CSRF token when the caller came with the session cookie. */
    sessionCsrfToken: string | null;
    /** The examination key of the engagement the route names, read with the caller; null when it names none. */
    engagementKey: EngagementKeyReading | null;
  }
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
}
