/**
 * The security headers every answer carries (Content-Security-Policy, HSTS, nosniff, …), as @fastify/helmet
 * makes them from the app's options. That plugin builds helmet's middleware anew on every request (parsing the
 * policy each time), though the headers depend only on the options: they are read once here, from what the
 * plugin sends on a probe, and set as they are on each request.
 */
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

type Headers = Record<string, string>;

async function probe(options: FastifyHelmetOptions | null): Promise<Headers> {
  const app = Fastify();
  if (options) await app.register(helmet, options);
  app.get('/', (_request, reply) => reply.send(''));
  try {
    const response = await app.inject({ method: 'GET', url: '/' });
    return Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)]));
  } finally {
    await app.close();
  }
}

/** The headers helmet adds with `options`: those of a probe with the plugin less those of one without. */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Headers> {
  const [withHelmet, without] = await Promise.all([probe(options), probe(null)]);
  return Object.fromEntries(Object.entries(withHelmet).filter(([name, value]) => without[name] !== value));
}

export const securityHeaders = fp(async (app: FastifyInstance, options: FastifyHelmetOptions) => {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
});
