import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
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
