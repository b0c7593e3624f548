import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { createApiTokensRepository } from '../../../store/api-tokens-repository.js';
import { hashToken } from '../../../store/token-hash.js';
import { useTestApp, type Caller } from '../../testing.js';

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: API tokens`, () => {
    const t = useTestApp(engine);
    const url = () => `/api/v1/organizations/${t().organizationId}/tokens`;

    async function createToken(admin: Caller, body: Record<string, unknown>) {
      const response = await admin.request({ method: 'POST', url: url(), payload: body });
      expect(response.statusCode).toBe(201);
      return response.json() as { token: { id: string; role: string; name: string }; secret: string };
    }

    it('creates a token whose secret authenticates as the token, with its role and organisation only', async () => {
      const admin = await t().member('admin');
      const { token, secret } = await createToken(admin, { name: 'dashboard', role: 'viewer' });
      expect(token).toMatchObject({ name: 'dashboard', role: 'viewer', organizationId: t().organizationId, createdBy: admin.userId, revokedAt: null });
      expect(secret).toMatch(/^assay_[A-Za-z0-9_-]{40,}$/);

      const me = await t().anonymous.request({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(secret) });
      expect(me.json()).toMatchObject({ kind: 'token', token: { id: token.id, role: 'viewer', organizationId: t().organizationId }, csrfToken: null });
      const org = await t().anonymous.request({ method: 'GET', url: `/api/v1/organizations/${t().organizationId}`, headers: bearer(secret) });
      expect(org.statusCode).toBe(200);
      expect(org.json()).toMatchObject({ role: 'viewer' });

      // A viewer reads but cannot invite a member; another organisation does not exist for it.
      const add = await t().anonymous.request({
        method: 'POST',
        url: `/api/v1/organizations/${t().organizationId}/invitations`,
        headers: bearer(secret),
        payload: { email: 'new@acme.example', role: 'viewer' },
      });
      expect(add.statusCode).toBe(403);
      const outsider = await t().outsider();
      const others = (await outsider.request({ method: 'GET', url: '/api/v1/organizations' })).json() as { items: { id: string }[] };
      const other = await t().anonymous.request({ method: 'GET', url: `/api/v1/organizations/${others.items[0]?.id}`, headers: bearer(secret) });
      expect(other.statusCode).toBe(404);
    });

    it('lets a bearer token write without a CSRF header', async () => {
      const admin = await t().member('admin');
      const { secret } = await createToken(admin, { name: 'provisioning', role: 'admin' });
      const add = await t().anonymous.request({
        method: 'POST',
        url: `/api/v1/organizations/${t().organizationId}/invitations`,
        headers: bearer(secret),
        payload: { email: 'scripted@acme.example', role: 'viewer' },
      });
      expect(add.statusCode).toBe(201);
      // A cookie write still needs it.
      const forged = await admin.request({ method: 'POST', url: url(), payload: { name: 'x', role: 'viewer' }, headers: { 'x-csrf-token': 'forged' } });
      expect(forged.statusCode).toBe(403);
    });

    it('lists tokens without their secrets or hashes', async () => {
      const admin = await t().member('admin');
      const first = await createToken(admin, { name: 'ci', role: 'compliance', expiresAt: '2999-01-01T00:00:00Z' });
      const second = await createToken(admin, { name: 'grafana', role: 'auditor' });
      const list = await admin.request({ method: 'GET', url: url() });
      expect(list.statusCode).toBe(200);
      const body = list.json() as { items: Record<string, unknown>[]; total: number };
      expect(body.total).toBe(2);
      expect(body.items.map((i) => i.name).sort()).toEqual(['ci', 'grafana']);
      expect(body.items.find((i) => i.name === 'ci')).toMatchObject({ expiresAt: '2999-01-01T00:00:00.000Z', lastUsedAt: null });
      for (const item of body.items) expect(Object.keys(item).sort()).toEqual(['createdAt', 'createdBy', 'expiresAt', 'id', 'lastUsedAt', 'name', 'organizationId', 'revokedAt', 'role']);
      for (const { secret } of [first, second]) {
        expect(list.body).not.toContain(secret);
        expect(list.body).not.toContain(hashToken(secret));
      }
    });

    it('refuses a revoked token and an expired one with 401', async () => {
      const admin = await t().member('admin');
      const { token, secret } = await createToken(admin, { name: 'old', role: 'viewer' });
      const me = () => t().anonymous.request({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(secret) });
      expect((await me()).statusCode).toBe(200);
      expect((await admin.request({ method: 'DELETE', url: `${url()}/${token.id}` })).statusCode).toBe(204);
      expect((await me()).statusCode).toBe(401);
      // Revoking again changes nothing; the list shows it only when asked.
      expect((await admin.request({ method: 'DELETE', url: `${url()}/${token.id}` })).statusCode).toBe(204);
      expect((await admin.request({ method: 'GET', url: url() })).json()).toMatchObject({ total: 0 });
      const withRevoked = (await admin.request({ method: 'GET', url: `${url()}?includeRevoked=true` })).json() as { items: { revokedAt: string | null }[] };
      expect(withRevoked.items).toHaveLength(1);
      expect(withRevoked.items[0]?.revokedAt).toEqual(expect.any(String));

      // A token that expired yesterday (made through the store: the service refuses a past expiry).
      const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
      await createApiTokensRepository(t().store.db, { newId: randomUUID, clock: () => new Date(yesterday.getTime() - 1000) }).create({
        organizationId: t().organizationId,
        name: 'expired',
        token: 'assay_expired-secret',
        role: 'admin',
        createdBy: admin.userId as string,
        expiresAt: yesterday,
      });
      const expired = await t().anonymous.request({ method: 'GET', url: '/api/v1/auth/me', headers: bearer('assay_expired-secret') });
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toMatchObject({ detail: 'The API token is unknown, revoked or expired' });
    });

    it('lets only admins manage tokens, and hides other organisations', async () => {
      const compliance = await t().member('compliance');
      expect((await compliance.request({ method: 'GET', url: url() })).statusCode).toBe(403);
      expect((await compliance.request({ method: 'POST', url: url(), payload: { name: 'x', role: 'viewer' } })).statusCode).toBe(403);
      const outsider = await t().outsider();
      expect((await outsider.request({ method: 'GET', url: url() })).statusCode).toBe(404);
      expect((await t().anonymous.request({ method: 'GET', url: url() })).statusCode).toBe(401);
    });

    it('refuses a past expiry, a token made by a token, and a token of another organisation', async () => {
      const admin = await t().member('admin');
      const past = await admin.request({ method: 'POST', url: url(), payload: { name: 'x', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' } });
      expect(past.statusCode).toBe(422);
      expect(past.json()).toMatchObject({ issues: [{ location: 'expiresAt', message: 'must be in the future' }] });
      const bad = await admin.request({ method: 'POST', url: url(), payload: { name: 'x', role: 'superuser' } });
      expect(bad.statusCode).toBe(400);

      const { secret } = await createToken(admin, { name: 'admin-token', role: 'admin' });
      const byToken = await t().anonymous.request({ method: 'POST', url: url(), headers: bearer(secret), payload: { name: 'child', role: 'viewer' } });
      expect(byToken.statusCode).toBe(403);

      const outsider = await t().outsider();
      const otherOrg = ((await outsider.request({ method: 'GET', url: '/api/v1/organizations' })).json() as { items: { id: string }[] }).items[0]?.id;
      const foreign = await outsider.request({ method: 'POST', url: `/api/v1/organizations/${otherOrg}/tokens`, payload: { name: 'theirs', role: 'viewer' } });
      const foreignId = (foreign.json() as { token: { id: string } }).token.id;
      expect((await admin.request({ method: 'DELETE', url: `${url()}/${foreignId}` })).statusCode).toBe(404);
      expect((await admin.request({ method: 'DELETE', url: `${url()}/${randomUUID()}` })).statusCode).toBe(404);
    });

    it('records creation and revocation in the audit log without the secret', async () => {
      const admin = await t().member('admin');
      const { token, secret } = await createToken(admin, { name: 'audited', role: 'viewer' });
      await admin.request({ method: 'DELETE', url: `${url()}/${token.id}` });
      const events = await t().store.db.selectFrom('audit_events').select(['type', 'subject', 'actor', 'after']).where('subject', '=', `token:${token.id}`).orderBy('seq').execute();
      expect(events.map((e) => e.type)).toEqual(['token.created', 'token.revoked']);
      expect(events[0]?.actor).toBe(`user:${admin.email}`);
      expect(JSON.stringify(events)).not.toContain(secret);
      expect(JSON.stringify(events)).not.toContain(hashToken(secret));
    });

    /** Changes a member's role through the API, as another admin would. */
    async function setRole(admin: Caller, userId: string, role: string) {
      const members = (await admin.request({ method: 'GET', url: `/api/v1/organizations/${t().organizationId}/members` })).json() as {
        items: { userId: string; version: number }[];
      };
      const version = members.items.find((m) => m.userId === userId)?.version;
      const changed = await admin.request({ method: 'PATCH', url: `/api/v1/organizations/${t().organizationId}/members/${userId}`, payload: { version, role } });
      expect(changed.statusCode).toBe(200);
    }

    it('falls with its creator’s rights at the next request: demoted with them, refused once they leave', async () => {
      const creator = await t().member('admin');
      const other = await t().member('admin');
      const { secret } = await createToken(creator, { name: 'automation', role: 'admin' });
      const asToken = (path: string) => t().anonymous.request({ method: 'GET', url: `/api/v1/organizations/${t().organizationId}${path}`, headers: bearer(secret) });
      expect((await asToken('/tokens')).statusCode).toBe(200);

      await setRole(other, creator.userId as string, 'compliance');
      // No longer an admin: the token cannot manage tokens, but still reads the audit log as compliance may.
      expect((await asToken('/tokens')).statusCode).toBe(403);
      expect((await asToken('/audit-events')).statusCode).toBe(200);
      expect((await asToken('')).json()).toMatchObject({ role: 'compliance' });

      await setRole(other, creator.userId as string, 'viewer');
      expect((await asToken('/audit-events')).statusCode).toBe(403);
      expect((await asToken('')).json()).toMatchObject({ role: 'viewer' });

      const removed = await other.request({ method: 'DELETE', url: `/api/v1/organizations/${t().organizationId}/members/${creator.userId}` });
      expect(removed.statusCode).toBe(204);
      const refused = await asToken('');
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toMatchObject({ detail: 'The API token is unknown, revoked or expired' });
    });

    it('never does more than its own role, whatever its creator may', async () => {
      const admin = await t().member('admin');
      const { secret } = await createToken(admin, { name: 'reader', role: 'viewer' });
      const audit = await t().anonymous.request({ method: 'GET', url: `/api/v1/organizations/${t().organizationId}/audit-events`, headers: bearer(secret) });
      expect(audit.statusCode).toBe(403);
      expect(audit.json().detail).toBe('The viewer role does not have the audit.read permission');
    });

    it('acts as its creator: the audit log names the person and the token, and /auth/me the person', async () => {
      const admin = await t().member('admin');
      const { token, secret } = await createToken(admin, { name: 'renamer', role: 'admin' });
      const org = (await admin.request({ method: 'GET', url: `/api/v1/organizations/${t().organizationId}` })).json() as { version: number };
      const renamed = await t().anonymous.request({
        method: 'PATCH',
        url: `/api/v1/organizations/${t().organizationId}`,
        headers: bearer(secret),
        payload: { version: org.version, name: 'Acme Renamed' },
      });
      expect(renamed.statusCode).toBe(200);
      const event = await t().store.db.selectFrom('audit_events').select('actor').where('type', '=', 'organization.updated').executeTakeFirstOrThrow();
      expect(event.actor).toBe(`user:${admin.email} via token:renamer (${token.id})`);
      const listed = await admin.request({ method: 'GET', url: `/api/v1/organizations/${t().organizationId}/audit-events?type=organization.updated` });
      expect(listed.json().items[0].by).toEqual({ kind: 'token', tokenId: token.id, name: 'renamer', userId: admin.userId, email: admin.email });
      const me = await t().anonymous.request({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(secret) });
      expect(me.json()).toMatchObject({ kind: 'token', user: { id: admin.userId, email: admin.email }, token: { id: token.id, role: 'admin' } });
    });

    it('documents the routes in the OpenAPI document', async () => {
      const doc = (await t().anonymous.request({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.paths['/api/v1/organizations/{organizationId}/tokens'] ?? {}).sort()).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths['/api/v1/organizations/{organizationId}/tokens/{tokenId}'] ?? {})).toEqual(['delete']);
    });
  });
}
