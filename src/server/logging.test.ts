import { describe, expect, it } from 'vitest';
import { freshStore } from '../../test/support/engines.js';
import { OPERATOR } from '../services/platform/actor.js';
import { createServices } from '../services/index.js';
import { buildApp } from './app.js';
import { CSRF_HEADER, SESSION_COOKIE } from './authentication.js';

const PASSWORD = 'the password that must never be logged';

describe('request logs', () => {
  it('log requests and failed sign-ins with the account and address, never a password, cookie, CSRF token or API token', async () => {
    const store = await freshStore('sqlite');
    const lines: string[] = [];
    const services = createServices(store);
    const app = await buildApp({ services, log: { level: 'info', stream: { write: (line) => void lines.push(line) } } });
    try {
      const organization = await services.organizations.create(OPERATOR, { slug: 'acme', name: 'Acme' });
      await services.members.add(OPERATOR, organization.id, { email: 'ann@acme.example', role: 'admin', displayName: 'Ann', password: PASSWORD });

      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ann@acme.example', password: PASSWORD }, remoteAddress: '192.0.2.10' });
      expect(login.statusCode).toBe(200);
      const session = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      const { csrfToken } = login.json() as { csrfToken: string };
      const invited = await app.inject({
        method: 'POST',
        url: `/api/v1/organizations/${organization.id}/invitations`,
        payload: { email: 'bob@acme.example', role: 'viewer' },
        cookies: { [SESSION_COOKIE]: session },
        headers: { [CSRF_HEADER]: csrfToken },
      });
      const link = (invited.json() as { link: string }).link;
      const secret = link.split('#')[1]!;
      await app.inject({ method: 'POST', url: '/api/v1/invitations/sign-up', payload: { token: secret, displayName: 'Bob', password: `${PASSWORD} too` } });
      await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer assay_not-a-real-token' } });
      const refused = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ann@acme.example', password: 'a wrong guess here' }, remoteAddress: '2001:db8::7' });
      expect(refused.statusCode).toBe(401);

      const log = lines.join('');
      for (const secretValue of [PASSWORD, 'a wrong guess here', session, csrfToken, secret, 'assay_not-a-real-token']) {
        expect(log).not.toContain(secretValue);
      }
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries.find((e) => e.msg === 'sign-in refused')).toMatchObject({ level: 40, account: 'ann@acme.example', address: '2001:db8::7', locked: false });
      expect(entries.find((e) => e.msg === 'incoming request')).toMatchObject({ req: { method: 'POST', url: '/api/v1/auth/login', address: '192.0.2.10' } });
      expect(entries.some((e) => e.msg === 'request completed')).toBe(true);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
