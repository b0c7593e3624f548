import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/index.js';
import { accountsWorld, DAY, PASSWORD, tokenActor } from '../testing.js';
import { OPERATOR } from '../platform/actor.js';

const NEW_PASSWORD = 'a password of my own choosing';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: invitations service`, () => {
    const store = useFreshStore(engine);

    it('lets the invitee set their own password, signs them in, and is used once', async () => {
      const w = await accountsWorld(store());
      const admin = await w.person('admin');
      const { invitation, secret } = await w.services.invitations.create(admin, w.organizationId, { email: 'Ann@Acme.example', role: 'auditor' });
      expect(invitation).toMatchObject({ email: 'ann@acme.example', role: 'auditor', invitedBy: `user:${admin.email}`, expiresAt: '2026-03-08T09:00:00.000Z' });
      expect(await w.services.invitations.preview(secret)).toEqual({ organizationName: 'Acme Cloud, Inc.', email: 'ann@acme.example', role: 'auditor', expiresAt: '2026-03-08T09:00:00.000Z' });

      const signedIn = await w.services.invitations.signUp(secret, { displayName: 'Ann', password: NEW_PASSWORD });
      expect(signedIn.user).toMatchObject({ email: 'ann@acme.example', displayName: 'Ann' });
      expect(await w.services.auth.fromSession(signedIn.token)).toMatchObject({ actor: { kind: 'user', email: 'ann@acme.example' } });
      expect(await w.services.access.grantIn({ kind: 'user', userId: signedIn.user.id, email: 'ann@acme.example' }, w.organizationId)).toBe('auditor');
      await expect(w.services.auth.login('ann@acme.example', NEW_PASSWORD)).resolves.toBeTruthy();

      await expect(w.services.invitations.signUp(secret, { displayName: 'Mallory', password: 'another password!!' })).rejects.toThrow(/already been accepted/);
      await expect(w.services.invitations.preview(secret)).rejects.toBeInstanceOf(ConflictError);
      expect((await w.services.invitations.list(admin, w.organizationId, { limit: 10, offset: 0 })).total).toBe(0);
      expect((await w.events('invitation.accepted')).map((e) => e.actor)).toEqual(['user:ann@acme.example']);
      // The secret is nowhere in the audit log.
      expect(JSON.stringify(await w.events('invitation.created'))).not.toContain(secret);
    });

    it('never sets the password of an account that exists: its owner must sign in to accept', async () => {
      const w = await accountsWorld(store());
      const other = await accountsWorld(store());
      const victim = await other.person('admin', 'victim@elsewhere.example');
      const admin = await w.person('admin');
      // The invitation answers as for anyone: nothing says the address has an account elsewhere.
      const { invitation, secret } = await w.services.invitations.create(admin, w.organizationId, { email: victim.email, role: 'viewer' });
      expect(Object.keys(invitation).sort()).toEqual(['acceptedAt', 'acceptedBy', 'createdAt', 'email', 'expiresAt', 'id', 'invitedBy', 'organizationId', 'revokedAt', 'role']);

      await expect(w.services.invitations.signUp(secret, { displayName: 'Mallory', password: 'the attacker’s password' })).rejects.toThrow(/has an account already: sign in/);
      await expect(w.services.auth.login(victim.email, 'the attacker’s password')).rejects.toThrow(/not right/);
      await expect(w.services.auth.login(victim.email, PASSWORD)).resolves.toBeTruthy();
      expect(await w.services.access.grantIn(victim, w.organizationId)).toBeNull();

      // Signed in as themselves, they accept.
      expect(await w.services.invitations.accept(victim, secret)).toEqual({ organizationId: w.organizationId, role: 'viewer' });
      // A new request's actor: roles are remembered for the life of one.
      expect(await w.services.access.grantIn({ ...victim }, w.organizationId)).toBe('viewer');
    });

    it('refuses a signed-in person whose email the invitation does not name, leaving it pending', async () => {
      const w = await accountsWorld(store());
      const admin = await w.person('admin');
      const stranger = await w.person('viewer', 'stranger@acme.example', (await accountsWorld(store())).organizationId);
      const { secret } = await w.services.invitations.create(admin, w.organizationId, { email: 'ann@acme.example', role: 'compliance' });
      await expect(w.services.invitations.accept(stranger, secret)).rejects.toThrow(new ForbiddenError('This invitation is for ann@acme.example; you are signed in as stranger@acme.example. Sign out and open the link again.'));
      expect(await w.services.access.grantIn(stranger, w.organizationId)).toBeNull();
      await expect(w.services.invitations.preview(secret)).resolves.toMatchObject({ email: 'ann@acme.example' });
      await expect(w.services.invitations.accept(tokenActor(w.organizationId, 'admin'), secret)).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('refuses an expired invitation and a revoked one, each saying so', async () => {
      const w = await accountsWorld(store());
      const admin = await w.person('admin');
      const expiring = await w.services.invitations.create(admin, w.organizationId, { email: 'late@acme.example', role: 'viewer' });
      const revoked = await w.services.invitations.create(admin, w.organizationId, { email: 'gone@acme.example', role: 'viewer' });
      await w.services.invitations.revoke(admin, w.organizationId, revoked.invitation.id);
      await expect(w.services.invitations.signUp(revoked.secret, { displayName: 'G', password: NEW_PASSWORD })).rejects.toThrow(/was revoked/);
      await expect(w.services.invitations.revoke(admin, w.organizationId, revoked.invitation.id)).rejects.toThrow(/was revoked/);

      w.advance(7 * DAY);
      await expect(w.services.invitations.preview(expiring.secret)).rejects.toThrow(/has expired/);
      await expect(w.services.invitations.signUp(expiring.secret, { displayName: 'L', password: NEW_PASSWORD })).rejects.toThrow(/has expired/);
      await expect(w.services.invitations.preview('not a link')).rejects.toBeInstanceOf(NotFoundError);
      expect(await w.services.users.hasUsers(OPERATOR)).toBe(true);
      await expect(w.services.auth.login('late@acme.example', NEW_PASSWORD)).rejects.toThrow(/not right/);
    });

    it('replaces a pending invitation of the same email, and refuses a member', async () => {
      const w = await accountsWorld(store());
      const admin = await w.person('admin');
      const first = await w.services.invitations.create(admin, w.organizationId, { email: 'ann@acme.example', role: 'viewer' });
      const second = await w.services.invitations.create(admin, w.organizationId, { email: 'ANN@acme.example', role: 'owner' });
      await expect(w.services.invitations.preview(first.secret)).rejects.toThrow(/was revoked/);
      expect((await w.services.invitations.list(admin, w.organizationId, { limit: 10, offset: 0 })).items.map((i) => i.id)).toEqual([second.invitation.id]);
      await expect(w.services.invitations.create(admin, w.organizationId, { email: admin.email, role: 'viewer' })).rejects.toThrow(/already a member of this organisation/);
    });

    it('lets only member.manage invite, list and revoke, and hides another organisation’s invitations', async () => {
      const w = await accountsWorld(store());
      const compliance = await w.person('compliance');
      await expect(w.services.invitations.create(compliance, w.organizationId, { email: 'x@acme.example', role: 'viewer' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(w.services.invitations.list(compliance, w.organizationId, { limit: 10, offset: 0 })).rejects.toBeInstanceOf(ForbiddenError);
      const other = await accountsWorld(store());
      const theirs = await other.services.invitations.create(OPERATOR, other.organizationId, { email: 'y@other.example', role: 'viewer' });
      const admin = await w.person('admin');
      await expect(w.services.invitations.revoke(admin, w.organizationId, theirs.invitation.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(w.services.invitations.revoke(admin, other.organizationId, theirs.invitation.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('adds members directly for the operator only', async () => {
      const w = await accountsWorld(store());
      const admin = await w.person('admin');
      await expect(w.services.members.add(admin, w.organizationId, { email: 'new@acme.example', role: 'viewer', displayName: 'N', password: PASSWORD })).rejects.toThrow(/Only the operator of the installation adds members directly/);
    });
  });
}
