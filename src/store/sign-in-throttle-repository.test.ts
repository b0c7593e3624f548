import { describe, expect, it } from 'vitest';
import { ENGINES, freshStore, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { createSignInThrottleRepository } from './sign-in-throttle-repository.js';

const T0 = new Date('2026-03-01T09:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: sign-in throttle repository`, () => {
    const store = useFreshStore(engine);
    let now = T0;
    const repository = () => createSignInThrottleRepository(store().db, { clock: () => now });

    it('counts failures per key, and starts again after a quiet period', async () => {
      now = T0;
      const throttle = repository();
      expect(await throttle.recordFailure('account:ann@acme.example', minutes(-60))).toBe(1);
      expect(await throttle.recordFailure('account:ann@acme.example', minutes(-60))).toBe(2);
      expect(await throttle.recordFailure('address:192.0.2.1', minutes(-60))).toBe(1);
      now = minutes(90);
      expect(await throttle.recordFailure('account:ann@acme.example', minutes(30))).toBe(1);
    });

    it('tells the latest lock in force among keys, keeps the later of two locks, and forgets a cleared key', async () => {
      now = T0;
      const throttle = repository();
      for (const key of ['account:a', 'address:b']) await throttle.recordFailure(key, minutes(-60));
      await throttle.lock('account:a', minutes(5));
      await throttle.lock('address:b', minutes(2));
      await throttle.lock('account:a', minutes(1));
      expect(await throttle.lockedUntil(['account:a', 'address:b'])).toBe(minutes(5).toISOString());
      expect(await throttle.lockedUntil(['address:b'])).toBe(minutes(2).toISOString());
      expect(await throttle.lockedUntil([])).toBeNull();
      now = minutes(5);
      expect(await throttle.lockedUntil(['account:a', 'address:b'])).toBeNull();
      await throttle.clear('account:a');
      expect(await throttle.recordFailure('account:a', minutes(-60))).toBe(1);
    });

    it('forgets stale keys that are not locked', async () => {
      now = T0;
      const throttle = repository();
      await throttle.recordFailure('account:old', minutes(-60));
      await throttle.recordFailure('account:locked', minutes(-60));
      await throttle.lock('account:locked', minutes(120));
      now = minutes(61);
      await throttle.recordFailure('account:recent', minutes(0));
      expect(await throttle.removeStale(minutes(30))).toBe(1);
      expect(await throttle.lockedUntil(['account:locked'])).toBe(minutes(120).toISOString());
    });
  });

  describe.skipIf(skipEngine(engine))(`${engine}: sign-in throttle across connections`, () => {
    it('counts every one of many concurrent failures of one key', async () => {
      const store = await freshStore(engine, { poolSize: 8 });
      try {
        const throttle = createSignInThrottleRepository(store.db, { clock: () => T0 });
        const counts = await Promise.all(Array.from({ length: 20 }, () => throttle.recordFailure('account:race', minutes(-60))));
        expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      } finally {
        await store.close();
      }
    });
  });
}
