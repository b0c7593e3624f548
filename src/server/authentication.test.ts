import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { authentication } from './authentication.js';
import { declarePermissions } from './permissions.js';
import { handleError } from './problem.js';
import type { AuthService } from '../services/accounts/auth-service.js';
import type { Access } from '../services/platform/access.js';

/** Nobody is ever signed in: enough to see which routes the hook guards. */
const options = { auth: { fromApiToken: async () => null, fromSession: async () => null } as unknown as AuthService, access: {} as Access };

describe('authentication', () => {
  it('guards every API route registered after it, and no other', async () => {
    const app = Fastify();
    app.setErrorHandler(handleError);
    await app.register(cookie);
    declarePermissions(app);
    await app.register(authentication, options);
    app.get('/api/v1/guarded', { config: { permission: 'engagement.read' } }, async () => 'secret');
    app.get('/elsewhere', async () => 'open');
    expect((await app.inject({ method: 'GET', url: '/api/v1/guarded' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/elsewhere' })).body).toBe('open');
    await app.close();
  });

  it('refuses to start with an API route declared before it was registered, which it could not guard', async () => {
    const app = Fastify();
    declarePermissions(app);
    app.get('/api/v1/early', { config: { permission: 'engagement.read' } }, async () => 'secret');
    await app.register(authentication, options);
    await expect(app.ready()).rejects.toThrow('Routes without authentication (declared before it was registered): GET /api/v1/early');
  });
});
