/**
 * Every API route declares what it requires (`config.permission`); a route without a declaration is a
 * start-up error, so no endpoint can ship unguarded. The declaration also goes into the OpenAPI document:
 * public routes are marked `security: []`.
 */
import type { FastifyInstance } from 'fastify';
import { ACTIONS, type Action } from '../domain/index.js';
import type { RoutePermission } from './types.js';

export const API_PREFIX = '/api/v1';

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: RoutePermission;
}

/** Asked on every request: a set rather than a walk through the whole table. */
const actions = new Set<string>(ACTIONS);

export function isAction(permission: RoutePermission): permission is Action {
  return actions.has(permission);
}

export function declarePermissions(app: FastifyInstance): void {
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_PREFIX)) return;
    const permission = route.config?.permission;
    if (permission === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no permission (config.permission)`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') declared.push({ method, url: route.url, permission });
    route.schema = {
      ...route.schema,
      ...(permission === 'public' ? { security: [] } : {}),
      description: [route.schema?.description, `Requires: ${permission}.`].filter(Boolean).join('\n\n'),
    };
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared permission, for the authorization tests. */
    declaredRoutes: DeclaredRoute[];
  }
}
