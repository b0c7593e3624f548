/**
 * The web app's production build (dist/web), served by the API server itself: files by path, and index.html
 * for any other page address so the browser's router can take it. Absent a build, only the API is served.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** dist/web beside dist/server (compiled) or the repository's dist/web (running from src). */
export const WEB_ROOT = [join(import.meta.dirname, '../web'), join(import.meta.dirname, '../../dist/web')].find((dir) =>
  existsSync(join(dir, 'index.html')),
);

export async function serveWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    // Hashed asset names never change content: cache them for good; index.html is always revalidated.
    setHeaders: (response, path) => {
      response.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

/** A page address of the single-page app (not the API, not a file): answered with index.html. */
export function isPageRequest(request: FastifyRequest): boolean {
  return request.method === 'GET' && !request.url.startsWith('/api') && !/\.[a-z0-9]+(\?|$)/i.test(request.url);
}

export function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
