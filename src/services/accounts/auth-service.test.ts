import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { TooManyAttemptsError, UnauthenticatedError } from '../../domain/index.js';
import { accountsWorld, DAY, HOUR, PASSWORD } from '../testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: sessions`, () => {
    const store = useFreshStore(engine);

    it('ends a session seven days after sign-in however often it is used', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      const { token } = await w.services.auth.login(ann.email, PASSWORD);
      for (let hours = 0; hours < 7 * 24 - 6; hours += 6) {
        w.advance(6 * HOUR);
        expect(await w.services.auth.fromSession(token)).not.toBeNull();
      }
      w.advance(6 * HOUR);
      expect(await w.services.auth.fromSession(token)).toBeNull();
    });

    it('ends a session left idle for twelve hours', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      const { token } = await w.services.auth.login(ann.email, PASSWORD);
      w.advance(11 * HOUR);
      expect(await w.services.auth.fromSession(token)).not.toBeNull();
      w.advance(11 * HOUR);
      expect(await w.services.auth.fromSession(token)).not.toBeNull();
      w.advance(12 * HOUR);
      expect(await w.services.auth.fromSession(token)).toBeNull();
    });

    it('signs a person out everywhere, and no one else', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      const bob = await w.person('viewer');
      const [laptop, phone, bobs] = [await w.services.auth.login(ann.email, PASSWORD), await w.services.auth.login(ann.email, PASSWORD), await w.services.auth.login(bob.email, PASSWORD)];
      expect(await w.services.auth.endAllSessions(ann)).toBe(2);
      expect(await w.services.auth.fromSession(laptop.token)).toBeNull();
      expect(await w.services.auth.fromSession(phone.token)).toBeNull();
      expect(await w.services.auth.fromSession(bobs.token)).not.toBeNull();
      expect((await w.events('session.ended_everywhere')).map((e) => e.actor)).toEqual([`user:${ann.email}`]);
    });
  });

  describe.skipIf(skipEngine(engine))(`${engine}: sign-in throttling`, () => {
    const store = useFreshStore(engine);

    it('locks an account after five failures, with a lock that doubles, across service instances on one database', async () => {
      const first = await accountsWorld(store());
      const ann = await first.person('viewer');
      // A second instance over the same database: another server process, with nothing in memory in common.
      const second = await accountsWorld(store());
      const instances = [first, second];
      for (let i = 0; i < 5; i += 1) {
        await expect(instances[i % 2]!.services.auth.login(ann.email, 'wrong password', `192.0.2.${i}`)).rejects.toBeInstanceOf(UnauthenticatedError);
      }
      // Locked: even the right password is refused, without being checked, from any address and instance.
      const locked = await second.services.auth.login(ann.email, PASSWORD, '198.51.100.7').catch((e: unknown) => e);
      expect(locked).toBeInstanceOf(TooManyAttemptsError);
      expect((locked as TooManyAttemptsError).retryAfterSeconds).toBe(30);

      for (const w of instances) w.advance(30_000);
      await expect(first.services.auth.login(ann.email, 'wrong again', '192.0.2.9')).rejects.toBeInstanceOf(UnauthenticatedError);
      expect(((await second.services.auth.login(ann.email, PASSWORD).catch((e: unknown) => e)) as TooManyAttemptsError).retryAfterSeconds).toBe(60);

      for (const w of instances) w.advance(60_000);
      await expect(second.services.auth.login(ann.email, PASSWORD)).resolves.toBeTruthy();
      // A success forgets the account's failures.
      await expect(first.services.auth.login(ann.email, 'one slip')).rejects.toBeInstanceOf(UnauthenticatedError);
      await expect(first.services.auth.login(ann.email, PASSWORD)).resolves.toBeTruthy();
    });

    it('locks an address that does not exist exactly like one that does', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      const outcomes = [];
      for (const email of [ann.email, 'nobody@acme.example']) {
        for (let i = 0; i < 5; i += 1) await w.services.auth.login(email, 'wrong password').catch(() => undefined);
        const refusal = (await w.services.auth.login(email, 'wrong password').catch((e: unknown) => e)) as Error;
        outcomes.push([refusal.name, refusal.message]);
      }
      expect(outcomes[0]).toEqual(['TooManyAttemptsError', 'Too many failed sign-ins; try again in 30 seconds']);
      expect(outcomes[1]).toEqual(outcomes[0]);
    });

    it('locks an IPv6 /64 that tries many accounts, whichever of its addresses it uses', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      for (let i = 0; i < 20; i += 1) {
        await expect(w.services.auth.login(`guess-${i}@acme.example`, 'password123456', `2001:db8:5:6::${(i + 1).toString(16)}`)).rejects.toBeInstanceOf(UnauthenticatedError);
      }
      await expect(w.services.auth.login(ann.email, PASSWORD, '2001:db8:5:6:ffff::1')).rejects.toBeInstanceOf(TooManyAttemptsError);
      // Another network is not locked, nor is the account.
      await expect(w.services.auth.login(ann.email, PASSWORD, '2001:db8:5:7::1')).resolves.toBeTruthy();
    });

    it('forgets an account’s failures after a quiet day', async () => {
      const w = await accountsWorld(store());
      const ann = await w.person('viewer');
      for (let i = 0; i < 4; i += 1) await w.services.auth.login(ann.email, 'wrong').catch(() => undefined);
      w.advance(DAY + 1);
      await w.services.auth.login(ann.email, 'wrong').catch(() => undefined);
      await expect(w.services.auth.login(ann.email, PASSWORD)).resolves.toBeTruthy();
    });
  });
}
