/** Liveness for load balancers and the CLI. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeDeclarer } from './route.js';

export async function healthRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const route = routeDeclarer('health');
  app.get('/health', {
    ...route('public', 'Is the server up', { response: { 200: z.object({ status: z.literal('ok') }) } }),
    handler: async () => ({ status: 'ok' as const }),
  });
}
