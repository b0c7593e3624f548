import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildUser } from '../../test/support/factories.js';
import { createPasswordResetsRepository } from './password-resets-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: password resets repository`, () => {
    const store = useFreshStore(engine);
    let now = new Date('2026-03-01T09:00:00.000Z');
    const day = new Date('2026-03-02T09:00:00.000Z');

    it('uses a link once, keeps only its hash, and a new link replaces the last', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const resets = createPasswordResetsRepository(store().db, { clock: () => now });
      const user = await buildUser(store().db);
      expect(await resets.replace(user.id, 'first-link', day)).toEqual({ userId: user.id, createdAt: '2026-03-01T09:00:00.000Z', expiresAt: '2026-03-02T09:00:00.000Z' });
      await resets.replace(user.id, 'second-link', day);
      expect(JSON.stringify(await store().db.selectFrom('password_resets').select('token_hash').execute())).not.toContain('second-link');
      expect(await resets.consume('first-link')).toBeNull();
      expect(await resets.isUsable('second-link')).toBe(true);
      expect(await resets.consume('second-link')).toBe(user.id);
      expect(await resets.isUsable('second-link')).toBe(false);
      expect(await resets.consume('second-link')).toBeNull();
    });

    it('does not use an expired link', async () => {
      now = new Date('2026-03-01T09:00:00.000Z');
      const resets = createPasswordResetsRepository(store().db, { clock: () => now });
      const user = await buildUser(store().db);
      await resets.replace(user.id, 'late', day);
      now = day;
      expect(await resets.consume('late')).toBeNull();
    });
  });
}
