/**
 * The Fastify application: security headers, cookies, zod validation and serialization, OpenAPI, problem+json
 * errors, authentication, and the REST API under /api/v1. Built from services, so tests inject their own.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { throttleAddress } from '../services/platform/client-address.js';
import type { Services } from '../services/index.js';
import { authentication, SESSION_COOKIE } from './authentication.js';
import { loggerOptions, type LogOptions } from './logging.js';
import { securityHeaders } from './security-headers.js';
import { declarePermissions } from './permissions.js';
import { handleError, problem } from './problem.js';
import { MAX_SAMPLE_ITEM_LENGTH } from '../domain/limits.js';
import { apiRoutes } from './routes/index.js';
import { isPageRequest, sendIndex, serveWebApp, WEB_ROOT } from './web.js';

/** Request bodies above this are refused with 413 (a whole workspace import goes through the CLI). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Which proxies' X-Forwarded-* headers to believe: none (false), any (true), or these addresses and CIDR ranges. */
export type TrustProxy = boolean | string[];

/**
 * The longest path parameter the router matches, as sent: a sample item (at most MAX_SAMPLE_ITEM_LENGTH UTF-16
 * units) percent-encoded, up to 9 characters a unit (3 UTF-8 bytes, `%XX` each). Fastify's default, 100, turned
 * long items into 404s; the route's schema then refuses anything longer than the item may be, with a 400.
 */
export const MAX_PARAM_LENGTH = MAX_SAMPLE_ITEM_LENGTH * 9;

export interface AppOptions {
  services: Services;
  /** Structured request logs; absent: none. */
  log?: LogOptions;
  /** Send the session cookie only over HTTPS (default true; false only for plain HTTP on a loopback address). */
  secureCookies?: boolean;
  /** Requests allowed a minute per client address to the public account routes (sign-in, sign-up, reset). */
  loginRateLimit?: number;
  /**
   * The proxies in front (Fastify's trustProxy; default none): the client address used by the sign-in throttle
   * and the logs is then the one they forward. Trusting a proxy that is not there lets anyone choose their address.
   */
  trustProxy?: TrustProxy;
  /** The installation's address for the links it hands out (invitations); default: the address of each request. */
  publicUrl?: string | null;
  /** The web app's build to serve; null for none; default: dist/web when it has been built. */
  webRoot?: string | null;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.log ? loggerOptions(options.log) : false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  const webRoot = options.webRoot === undefined ? WEB_ROOT : options.webRoot;
  app.setNotFoundHandler((request, reply) => {
    if (webRoot && isPageRequest(request)) return sendIndex(reply);
    return reply
      .status(404)
      .type('application/problem+json')
      .send(JSON.stringify({ ...problem(404, `No route ${request.method} ${request.url}`), instance: request.url }));
  });

  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(cookie);
  // Keyed like the sign-in throttle: an IPv6 client counts as its /64, whichever address of it it uses.
  await app.register(rateLimit, { global: false, keyGenerator: (request) => throttleAddress(request.ip) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Assay API', version: '1', description: 'SOC 2 examinations: organisations, engagements, controls, tests, samples and the opinion forecast.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // The docs page lives under the app's own policy (set by the security headers above): Swagger UI loads its scripts from files
  // (no inline script to allow) and styles elements inline, which the policy allows for styles only.
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (webRoot) await serveWebApp(app, webRoot);
  declarePermissions(app);
  await app.register(authentication, { auth: options.services.auth, access: options.services.access });
  await app.register(apiRoutes, {
    prefix: '/api/v1',
    services: options.services,
    secureCookies: options.secureCookies ?? true,
    loginRateLimit: options.loginRateLimit ?? 10,
    publicUrl: options.publicUrl ?? null,
  });
  return app;
}
