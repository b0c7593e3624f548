/**
 * One hook on every API route (each declares its permission), step 1 of a request in docs/architecture.md
 * ("Requests"). It runs before the body is validated, so a caller without the right learns nothing from validation.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, NotFoundError, reachOf, requireAccess, UnauthenticatedError } from '../domain/index.js';
import type { Access } from '../services/platform/access.js';
import type { Actor } from '../services/platform/actor.js';
import type { AuthService } from '../services/accounts/auth-service.js';
import { isAction } from './permissions.js';
import type { RoutePermission } from './types.js';
import './types.js';

export const SESSION_COOKIE = 'assay_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const authentication = fp(async (app: FastifyInstance, options: { auth: AuthService; access: Access }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionCsrfToken', null);
  app.decorateRequest('engagementKey', null);

  // Each API route gets the hook with its declared permission, first among its own hooks (so before any rate
  // limit): nothing is looked up per request to find the permission, and other routes (docs, static files)
  // run no hook at all.
  const guarded = new Set<string>();
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (permission === undefined) return;
    const own = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [async (request: FastifyRequest) => authenticate(request, permission, options), ...own];
    for (const method of [route.method].flat()) guarded.add(`${method} ${route.url}`);
  });
  // A route declared before this plugin was registered would have no hook: the server refuses to start.
  app.addHook('onReady', async () => {
    const unguarded = (app.hasDecorator('declaredRoutes') ? app.declaredRoutes : []).filter((r) => !guarded.has(`${r.method} ${r.url}`));
    if (unguarded.length > 0) throw new Error(`Routes without authentication (declared before it was registered): ${unguarded.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  });
});

async function authenticate(request: FastifyRequest, permission: RoutePermission, options: { auth: AuthService; access: Access }): Promise<void> {
  const bearer = bearerToken(request);
  const cookie = request.cookies[SESSION_COOKIE];
  const { organizationId, engagementId } = request.params as { organizationId?: string; engagementId?: string };
  // One query: a session's lookup also reads the person's role in the organisation the route names, and either
  // reads the examination key of the engagement it names (what a cached answer is checked against).
  const found =
    bearer !== null
      ? await options.auth.fromApiToken(bearer, engagementId)
      : cookie
        ? await options.auth.fromSession(cookie, organizationId, engagementId)
        : null;
  if (bearer !== null && !found) throw new UnauthenticatedError('The API token is unknown, revoked or expired');
  if (found) {
    request.actor = found.actor;
    request.sessionCsrfToken = found.csrfToken;
    request.engagementKey = found.engagement ?? null;
  }
  if (permission === 'public') return;
  if (!found) throw new UnauthenticatedError();
  // A browser sends the cookie on any request to us, even one another site forged: writes must prove they
  // come from our page by echoing the session's CSRF token, which other sites cannot read.
  if (found.csrfToken !== null && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== found.csrfToken) {
    throw new ForbiddenError(`Missing or wrong ${CSRF_HEADER} header for a write with the session cookie`);
  }
  if (isAction(permission) && organizationId !== undefined) {
    const grant = await options.access.grantIn(found.actor, organizationId);
    if (grant === null) throw new NotFoundError('The organisation');
    if (reachOf(grant, permission) === null) requireAccess(grant, permission);
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <API token>"');
  return match[1] as string;
}

/** The caller of a route that is not public; the hook has already refused anonymous callers. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}
