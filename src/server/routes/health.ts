/** Liveness for load balancers and the CLI. */
import { z } from 'zod';
import { routeModule } from './route.js';

export const healthRoutes = routeModule('health', (app, route) => {
  app.get('/health', {
    ...route('public', 'Is the server up', { response: { 200: z.object({ status: z.literal('ok') }) } }),
    handler: async () => ({ status: 'ok' as const }),
  });
});
