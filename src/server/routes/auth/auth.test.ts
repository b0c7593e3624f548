import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { createServices } from '../../../services/index.js';
import { buildApp } from '../../app.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../authentication.js';
import { TEST_PASSWORD, useTestApp } from '../../testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: sign in and out`, () => {
    const t = useTestApp(engine);

    it('signs in with the right password, sets an httpOnly SameSite cookie, and knows the caller', async () => {
      const admin = await t().member('admin');
      const login = await t().anonymous.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: admin.email, password: TEST_PASSWORD } });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: true });
      const me = await t().anonymous.request({ method: 'GET', url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: cookie!.value } });
      expect(me.json()).toMatchObject({ kind: 'user', user: { email: admin.email }, csrfToken: login.json().csrfToken });
      // The password hash never leaves the server.
      expect(login.body).not.toMatch(/argon2/);
    });

    it('refuses a wrong password and an unknown email alike with 401 problem+json', async () => {
      const admin = await t().member('admin');
      for (const payload of [{ email: admin.email, password: 'wrong password!' }, { email: 'nobody@acme.example', password: TEST_PASSWORD }]) {
        const response = await t().anonymous.request({ method: 'POST', url: '/api/v1/auth/login', payload });
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.json()).toMatchObject({ status: 401, detail: 'The email or the password is not right' });
      }
    });

    it('refuses an anonymous caller of a protected route with 401', async () => {
      const response = await t().anonymous.request({ method: 'GET', url: '/api/v1/organizations' });
      expect(response.statusCode).toBe(401);
    });

    it('holds a signed-in person to their membership as it stands at each request: demoted, removed, deactivated', async () => {
      const person = await t().member('compliance');
      const organizationId = t().organizationId;
      const read = (path: string) => person.request({ method: 'GET', url: `/api/v1/organizations/${organizationId}${path}` });
      expect((await read('/audit-events')).statusCode).toBe(200);
      const membership = await t().services.members.list(OPERATOR, organizationId, { limit: 100, offset: 0 });
      const version = membership.items.find((m) => m.userId === person.userId)?.version as number;
      await t().services.members.changeRole(OPERATOR, organizationId, person.userId as string, version, 'viewer');
      expect((await read('/audit-events')).statusCode).toBe(403);
      expect((await read('')).json()).toMatchObject({ role: 'viewer' });
      await t().services.members.remove(OPERATOR, organizationId, person.userId as string);
      expect((await read('')).statusCode).toBe(404);
      await t().services.members.add(OPERATOR, organizationId, { email: person.email as string, role: 'auditor', displayName: 'back', password: TEST_PASSWORD });
      expect((await read('/audit-events')).statusCode).toBe(200);
      await t().services.users.deactivate(OPERATOR, person.email as string);
      expect((await read('')).statusCode).toBe(401);
    });

    it('refuses a cookie-authenticated write without the CSRF header, and accepts it with the header', async () => {
      const admin = await t().member('admin');
      const url = `/api/v1/organizations/${t().organizationId}/invitations`;
      const payload = { email: 'new@acme.example', role: 'viewer' };
      const without = await admin.request({ method: 'POST', url, payload, headers: { [CSRF_HEADER]: 'forged' } });
      expect(without.statusCode).toBe(403);
      const withHeader = await admin.request({ method: 'POST', url, payload });
      expect(withHeader.statusCode).toBe(201);
    });

    it('ends the session on logout', async () => {
      const admin = await t().member('admin');
      expect((await admin.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
      expect((await admin.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    });
  });
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: passwords and sessions over HTTP`, () => {
    const t = useTestApp(engine);
    const NEW_PASSWORD = 'an entirely new passphrase';
    const login = (email: string, password: string) => t().anonymous.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

    it('changes the password with the current one: this session stays, the others end', async () => {
      const ann = await t().member('viewer');
      const phone = await t().signIn(ann.email!);
      const wrong = await ann.request({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'not my password', newPassword: NEW_PASSWORD } });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json()).toMatchObject({ issues: [{ location: 'currentPassword', message: 'is not your current password' }] });

      const changed = await ann.request({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
      expect(changed.json()).toEqual({ sessionsEnded: 1 });
      expect((await ann.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
      expect((await phone.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      expect((await login(ann.email!, NEW_PASSWORD)).statusCode).toBe(200);
    });

    it('signs out everywhere: every session of the caller ends and the cookie is cleared', async () => {
      const ann = await t().member('viewer');
      const phone = await t().signIn(ann.email!);
      const bob = await t().member('viewer');
      const ended = await ann.request({ method: 'POST', url: '/api/v1/auth/sessions/end-all' });
      expect(ended.json()).toEqual({ sessionsEnded: 2 });
      expect(ended.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
      for (const caller of [ann, phone]) expect((await caller.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      expect((await bob.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    });

    it('sets a new password from a one-time reset link, once, ending every session', async () => {
      const ann = await t().member('viewer');
      const { secret } = await t().services.passwords.issueReset(OPERATOR, ann.email!);
      const reset = (newPassword: string) => t().anonymous.request({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { token: secret, newPassword } });
      expect((await reset(NEW_PASSWORD)).statusCode).toBe(204);
      expect((await ann.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      expect((await login(ann.email!, NEW_PASSWORD)).statusCode).toBe(200);
      const twice = await reset('and another one again');
      expect(twice.statusCode).toBe(422);
      expect(twice.json()).toMatchObject({ issues: [{ location: 'token', message: expect.stringMatching(/^is unknown, used/) }] });
    });

    it('keeps the cookie until the session’s absolute end, seven days after sign-in', async () => {
      const ann = await t().member('viewer');
      const before = Date.now();
      const cookie = (await login(ann.email!, TEST_PASSWORD)).cookies.find((c) => c.name === SESSION_COOKIE)!;
      const expires = (cookie.expires as Date).getTime();
      expect(expires - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
      expect(expires - before).toBeLessThanOrEqual(7 * 86_400_000 + 60_000);
    });
  });

  describe.skipIf(skipEngine(engine))(`${engine}: sign-in throttling over HTTP`, () => {
    const t = useTestApp(engine);
    const attempt = (app: FastifyInstance, email: string, remoteAddress: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'not the password' }, remoteAddress, headers });

    it('answers 429 with Retry-After once an account is locked, counting failures on every server sharing the database', async () => {
      const ann = await t().member('viewer');
      const other = await buildApp({ services: createServices(t().store), loginRateLimit: 1000 });
      try {
        for (let i = 0; i < 5; i += 1) expect((await attempt(i % 2 ? other : t().app, ann.email!, `192.0.2.${i}`)).statusCode).toBe(401);
        for (const app of [t().app, other]) {
          const locked = await attempt(app, ann.email!, '198.51.100.1');
          expect(locked.statusCode).toBe(429);
          expect(locked.headers['retry-after']).toBe('30');
          expect(locked.json()).toMatchObject({ status: 429, detail: 'Too many failed sign-ins; try again in 30 seconds' });
        }
      } finally {
        await other.close();
      }
    });

    it('keys the address on the forwarded client only behind a trusted proxy, an IPv6 client by its /64', async () => {
      const ann = await t().member('viewer');
      const behindProxy = await buildApp({ services: t().services, loginRateLimit: 1000, trustProxy: ['127.0.0.1'] });
      try {
        for (let i = 1; i <= 20; i += 1) {
          const response = await attempt(behindProxy, `guess-${i}@acme.example`, '127.0.0.1', { 'x-forwarded-for': `2001:db8:7:7::${i.toString(16)}` });
          expect(response.statusCode).toBe(401);
        }
        const sameNetwork = await behindProxy.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ann.email, password: TEST_PASSWORD }, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '2001:db8:7:7:abcd::1' } });
        expect(sameNetwork.statusCode).toBe(429);
        // Another client of the same proxy is not locked out with it.
        const otherClient = await behindProxy.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ann.email, password: TEST_PASSWORD }, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } });
        expect(otherClient.statusCode).toBe(200);
      } finally {
        await behindProxy.close();
      }
      // Without trusting the proxy, the header is anyone's to forge: the socket's address counts, and it is not locked.
      const forged = await t().app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ann.email, password: TEST_PASSWORD }, remoteAddress: '198.51.100.2', headers: { 'x-forwarded-for': '2001:db8:7:7::1' } });
      expect(forged.statusCode).toBe(200);
    });
  });
}
