/** What every route declares besides its handler, written once so that a route module states only what differs. */
import type { FastifyContextConfig, FastifySchema } from 'fastify';
import type { RoutePermission } from '../types.js';

/** A route's schemas (params, querystring, body, every response) and, where the summary is not enough, a description. */
export type RouteSchema = FastifySchema & { description?: string; tags?: string[] };

/**
 * The declarer of one route module's routes, each tagged `tag` in the OpenAPI document:
 * `...route('finding.read', 'One finding', { params: findingParams, response: { 200: findingSchema } })` spreads
 * into the route's options the permission it requires (`config.permission`, which the authentication hook and the
 * authorization test read) and its schema; `config` adds other route settings (a rate limit).
 */
export function routeDeclarer(tag: string) {
  return <S extends RouteSchema>(
    permission: RoutePermission,
    summary: string,
    schema: S,
    config: Omit<FastifyContextConfig, 'permission'> = {},
  ) => ({
    config: { ...config, permission },
    schema: { tags: [tag], summary, ...schema },
  });
}
