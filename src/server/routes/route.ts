/** What every route declares besides its handler, written once so that a route module states only what differs. */
import type { FastifyBaseLogger, FastifyContextConfig, FastifyInstance, FastifySchema, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services/index.js';
import type { RoutePermission } from '../types.js';
import type { ApiOptions } from './index.js';

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

/**
 * The flood guard of a route anyone may call (signing in, a link's secret, the trust page's forms): per process and
 * client address, `loginRateLimit` requests a minute, in front of any throttle the database keeps.
 */
export const publicRateLimit = (options: Pick<ApiOptions, 'loginRateLimit'>) => ({ max: options.loginRateLimit, timeWindow: '1 minute' });

/** The application as a route module sees it: request and reply typed from the routes' zod schemas. */
export type RouteApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/**
 * A route module to register under the API prefix: `routes` declares its routes on the zod-typed app, with the
 * declarer of the module's `tag`, the services, and the other API options where a module needs them (cookies,
 * rate limits, the public address).
 */
export function routeModule(
  tag: string,
  routes: (app: RouteApp, route: ReturnType<typeof routeDeclarer>, services: Services, options: ApiOptions) => void,
) {
  return async (fastify: FastifyInstance, options: ApiOptions): Promise<void> => {
    routes(fastify.withTypeProvider<ZodTypeProvider>(), routeDeclarer(tag), options.services, options);
  };
}
