import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { createAuditRepository } from '../../../store/audit-repository.js';
import { hashToken } from '../../../store/token-hash.js';
import { SESSION_COOKIE } from '../../authentication.js';
import { TEST_PASSWORD, useTestApp, type Caller } from '../../testing.js';

const NEW_PASSWORD = 'my very own passphrase';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: invitations`, () => {
    const t = useTestApp(engine);
    const url = () => `/api/v1/organizations/${t().organizationId}/invitations`;

    async function invite(admin: Caller, email: string, role = 'viewer') {
      const response = await admin.request({ method: 'POST', url: url(), payload: { email, role } });
      expect(response.statusCode).toBe(201);
      const body = response.json() as { invitation: { id: string; email: string }; link: string };
      return { ...body, secret: body.link.split('#')[1] as string };
    }
    const anonymous = (path: string, payload: Record<string, unknown>) => t().anonymous.request({ method: 'POST', url: `/api/v1/invitations/${path}`, payload });

    it('invites by email and role; the invitee previews the link, sets their own password, and is signed in', async () => {
      const admin = await t().member('admin');
      const { invitation, link, secret } = await invite(admin, 'Nina@Acme.example', 'auditor');
      expect(link).toMatch(/^http:\/\/localhost(:80)?\/invitation#[A-Za-z0-9_-]{43}$/);
      expect(invitation).toMatchObject({ email: 'nina@acme.example', role: 'auditor', invitedBy: `user:${admin.email}` });

      const preview = await anonymous('preview', { token: secret });
      expect(preview.json()).toEqual({ organizationName: 'Acme Cloud, Inc.', email: 'nina@acme.example', role: 'auditor', expiresAt: expect.any(String) });

      const signUp = await anonymous('sign-up', { token: secret, displayName: 'Nina', password: NEW_PASSWORD });
      expect(signUp.statusCode).toBe(200);
      const cookie = signUp.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
      const me = await t().anonymous.request({ method: 'GET', url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: cookie!.value } });
      expect(me.json()).toMatchObject({ user: { email: 'nina@acme.example', displayName: 'Nina' } });
      const organizations = await t().anonymous.request({ method: 'GET', url: '/api/v1/organizations', cookies: { [SESSION_COOKIE]: cookie!.value } });
      expect(organizations.json()).toMatchObject({ items: [{ id: t().organizationId, role: 'auditor' }] });

      const again = await anonymous('sign-up', { token: secret, displayName: 'Mallory', password: 'somebody else’s' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ detail: 'This invitation has already been accepted; sign in instead' });
      expect((await admin.request({ method: 'GET', url: url() })).json()).toMatchObject({ total: 0, items: [] });
    });

    it('gives another organisation’s admin no way to set or learn the password of an account that may be shared', async () => {
      const victim = await t().member('compliance');
      const attacker = await t().outsider();
      // No organisation of their own making (instance administrators only), and no member added with a password.
      expect((await attacker.request({ method: 'POST', url: '/api/v1/organizations', payload: { slug: 'evil-org', name: 'Evil' } })).statusCode).toBe(403);
      const attackersOrg = ((await attacker.request({ method: 'GET', url: '/api/v1/organizations' })).json() as { items: { id: string }[] }).items[0]!.id;
      const direct = await attacker.request({ method: 'POST', url: `/api/v1/organizations/${attackersOrg}/members`, payload: { email: victim.email, role: 'viewer', displayName: 'V', password: 'the attacker’s password' } });
      expect(direct.statusCode).toBe(404);

      // Inviting the victim answers as for anyone; the link cannot set their password.
      const invited = await attacker.request({ method: 'POST', url: `/api/v1/organizations/${attackersOrg}/invitations`, payload: { email: victim.email, role: 'viewer' } });
      expect(invited.statusCode).toBe(201);
      const secret = (invited.json() as { link: string }).link.split('#')[1];
      const takeover = await anonymous('sign-up', { token: secret, displayName: 'Mallory', password: 'the attacker’s password' });
      expect(takeover.statusCode).toBe(409);
      const login = (password: string) => t().anonymous.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password } });
      expect((await login('the attacker’s password')).statusCode).toBe(401);
      expect((await login(TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('lets a signed-in person accept only an invitation to their own email', async () => {
      const admin = await t().member('admin');
      const someone = await t().outsider();
      const forSomeone = await invite(admin, someone.email!, 'owner');
      const forAnother = await invite(admin, 'another@acme.example');
      const wrong = await someone.request({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token: forAnother.secret } });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json()).toMatchObject({ detail: expect.stringContaining('This invitation is for another@acme.example') });
      const right = await someone.request({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token: forSomeone.secret } });
      expect(right.json()).toEqual({ organizationId: t().organizationId, role: 'owner' });
      expect((await admin.request({ method: 'GET', url: url() })).json()).toMatchObject({ total: 1, items: [{ email: 'another@acme.example' }] });
      expect((await someone.request({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token: forSomeone.secret } })).statusCode).toBe(409);
    });

    it('revokes an invitation: its link stops working, saying why', async () => {
      const admin = await t().member('admin');
      const { invitation, secret } = await invite(admin, 'late@acme.example');
      expect((await admin.request({ method: 'DELETE', url: `${url()}/${invitation.id}` })).statusCode).toBe(204);
      const preview = await anonymous('preview', { token: secret });
      expect(preview.statusCode).toBe(409);
      expect(preview.json()).toMatchObject({ detail: 'This invitation was revoked; ask the organisation’s admin for a new one' });
      expect((await anonymous('preview', { token: 'made-up' })).statusCode).toBe(404);
      expect((await admin.request({ method: 'DELETE', url: `${url()}/${invitation.id}` })).statusCode).toBe(409);
    });

    it('lists pending invitations without their links, and keeps the secret out of the audit log', async () => {
      const admin = await t().member('admin');
      const { invitation, secret } = await invite(admin, 'ann@acme.example');
      const list = await admin.request({ method: 'GET', url: url() });
      expect(Object.keys((list.json() as { items: object[] }).items[0]!).sort()).toEqual(['createdAt', 'email', 'expiresAt', 'id', 'invitedBy', 'organizationId', 'role']);
      expect(list.body).not.toContain(secret);
      const events = await createAuditRepository(t().store.db).list({ limit: 10, offset: 0, organizationId: t().organizationId, type: 'invitation.created' });
      expect(events.items.map((e) => e.subject)).toEqual([`invitation:${invitation.id}`]);
      expect(JSON.stringify(events)).not.toContain(secret);
      expect(JSON.stringify(events)).not.toContain(hashToken(secret));
    });

    it('refuses a weak password and a missing name, naming the field, and changes nothing', async () => {
      const { secret } = await t().services.invitations.create(OPERATOR, t().organizationId, { email: 'weak@acme.example', role: 'viewer' });
      const weak = await anonymous('sign-up', { token: secret, displayName: 'W', password: 'short' });
      expect(weak.statusCode).toBe(422);
      expect(weak.json()).toMatchObject({ issues: [{ location: 'password', message: 'must be 12 to 256 characters long' }] });
      const nameless = await anonymous('sign-up', { token: secret, password: NEW_PASSWORD });
      expect(nameless.statusCode).toBe(400);
      expect(nameless.json()).toMatchObject({ issues: [{ location: '$.displayName' }] });
      expect((await anonymous('preview', { token: secret })).statusCode).toBe(200);
    });
  });
}
