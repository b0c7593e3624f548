import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError, TooManyAttemptsError, ValidationError } from '../../domain/index.js';
import { accountsWorld, DAY, PASSWORD, tokenActor } from '../testing.js';
import { OPERATOR } from '../platform/actor.js';

const NEW_PASSWORD = 'a brand new passphrase';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: passwords`, () => {
    const store = useFreshStore(engine);

    it('changes a password with the current one, ending every other session of the person', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      const bob = await w.person('viewer');
      const [here, elsewhere, bobs] = [await w.services.auth.login(ann.email, PASSWORD), await w.services.auth.login(ann.email, PASSWORD), await w.services.auth.login(bob.email, PASSWORD)];
      expect(await w.services.passwords.change(ann, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, keepSession: here.token })).toBe(1);
      expect(await w.services.auth.fromSession(here.token)).not.toBeNull();
      expect(await w.services.auth.fromSession(elsewhere.token)).toBeNull();
      expect(await w.services.auth.fromSession(bobs.token)).not.toBeNull();
      await expect(w.services.auth.login(ann.email, PASSWORD)).rejects.toThrow(/not right/);
      await expect(w.services.auth.login(ann.email, NEW_PASSWORD)).resolves.toBeTruthy();
      expect((await w.events('user.password_changed')).map((e) => e.after)).toEqual([{ sessionsEnded: 1 }]);
    });

    it('refuses a wrong current password, counting it like a failed sign-in, and a short new one', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      const wrong = await w.services.passwords.change(ann, { currentPassword: 'not it at all', newPassword: NEW_PASSWORD, keepSession: null }).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(ValidationError);
      expect((wrong as ValidationError).issues).toEqual([{ location: 'currentPassword', message: 'is not your current password' }]);
      await expect(w.services.passwords.change(ann, { currentPassword: PASSWORD, newPassword: 'short', keepSession: null })).rejects.toThrow(/password: must be 12 to 256/);
      for (let i = 0; i < 4; i += 1) await w.services.passwords.change(ann, { currentPassword: 'guess', newPassword: NEW_PASSWORD, keepSession: null }).catch(() => undefined);
      await expect(w.services.passwords.change(ann, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, keepSession: null })).rejects.toBeInstanceOf(TooManyAttemptsError);
      await expect(w.services.passwords.change(tokenActor(w.organizationId, 'admin'), { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, keepSession: null })).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('resets a password from a one-time link the operator issued, ending every session and unlocking the account', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      const session = await w.services.auth.login(ann.email, PASSWORD);
      for (let i = 0; i < 5; i += 1) await w.services.auth.login(ann.email, 'forgotten').catch(() => undefined);
      await expect(w.services.passwords.issueReset(ann, ann.email)).rejects.toBeInstanceOf(ForbiddenError);

      const issued = await w.services.passwords.issueReset(OPERATOR, ann.email);
      expect(issued).toMatchObject({ user: { email: ann.email }, expiresAt: '2026-03-02T09:00:00.000Z' });
      expect(await w.services.passwords.reset(issued.secret, NEW_PASSWORD)).toBe(ann.email);
      expect(await w.services.auth.fromSession(session.token)).toBeNull();
      await expect(w.services.auth.login(ann.email, NEW_PASSWORD)).resolves.toBeTruthy();
      await expect(w.services.passwords.reset(issued.secret, 'yet another password')).rejects.toThrow(/is unknown, used, replaced by a newer link, or expired/);
      expect(JSON.stringify([...(await w.events('user.password_reset_issued')), ...(await w.events('user.password_reset'))])).not.toContain(issued.secret);
    });

    it('refuses an expired link and one replaced by a newer link', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      const first = await w.services.passwords.issueReset(OPERATOR, ann.email);
      const second = await w.services.passwords.issueReset(OPERATOR, ann.email);
      await expect(w.services.passwords.reset(first.secret, NEW_PASSWORD)).rejects.toBeInstanceOf(ValidationError);
      w.advance(DAY);
      await expect(w.services.passwords.reset(second.secret, NEW_PASSWORD)).rejects.toBeInstanceOf(ValidationError);
      await expect(w.services.auth.login(ann.email, PASSWORD)).resolves.toBeTruthy();
      await expect(w.services.passwords.issueReset(OPERATOR, 'nobody@acme.example')).rejects.toThrow('The account nobody@acme.example was not found');
    });

    it('issues no link for a deactivated account, and a link issued before does not work after', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      const issued = await w.services.passwords.issueReset(OPERATOR, ann.email);
      await w.services.users.deactivate(OPERATOR, ann.email);
      await expect(w.services.passwords.reset(issued.secret, NEW_PASSWORD)).rejects.toBeInstanceOf(ValidationError);
      await expect(w.services.passwords.issueReset(OPERATOR, ann.email)).rejects.toBeInstanceOf(ConflictError);
    });
  });
}
