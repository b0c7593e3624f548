import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { DEFAULT_PLAN } from '../domain/remediation/index.js';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildEngagement, testDependencies } from '../../test/support/factories.js';
import { createEngagementsRepository } from './engagements-repository.js';
import { createRemediationPlansRepository } from './remediation-plans-repository.js';

const plan = { targetDate: '2026-12-31', webhookUrl: 'https://hooks.example.com/assay', dueSoonDays: 7 };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: remediation plans repository`, () => {
    const store = useFreshStore(engine);

    it('reads the default plan at version 0 until the first save, then changes it at its version only', async () => {
      const plans = createRemediationPlansRepository(store().db, testDependencies());
      const engagement = await buildEngagement(store().db);
      expect(await plans.find(engagement.id)).toEqual({ ...DEFAULT_PLAN, dueSoonDays: 14, version: 0 });
      expect(await plans.save(engagement.id, 0, plan)).toEqual({ ...plan, version: 1 });
      expect(await plans.find(engagement.id)).toEqual({ ...plan, version: 1 });
      // A second "first save" and a stale version are refused, nothing written.
      await expect(plans.save(engagement.id, 0, DEFAULT_PLAN)).rejects.toThrow(/now at version 1, you had version 0/);
      const saved = await plans.save(engagement.id, 1, { ...plan, webhookUrl: null, targetDate: null });
      expect(saved).toEqual({ targetDate: null, webhookUrl: null, dueSoonDays: 7, version: 2 });
      await expect(plans.save(engagement.id, 1, plan)).rejects.toThrow(ConflictError);
      expect(await plans.find(engagement.id)).toEqual(saved);
      // Another engagement's plan is its own.
      const other = await buildEngagement(store().db);
      await expect(plans.save(other.id, 3, plan)).rejects.toThrow(/now at version 0, you had version 3/);
      await expect(plans.save('no-such-engagement', 0, plan)).rejects.toThrow(NotFoundError);
    });

    it('refuses a due-soon window outside 1 to 90 days at the database too', async () => {
      const plans = createRemediationPlansRepository(store().db, testDependencies());
      const engagement = await buildEngagement(store().db);
      await expect(plans.save(engagement.id, 0, { ...plan, dueSoonDays: 0 })).rejects.toThrow();
      expect((await plans.find(engagement.id)).version).toBe(0);
    });

    it('lists the plans with a webhook, with their organisation, and goes with its engagement', async () => {
      const plans = createRemediationPlansRepository(store().db, testDependencies());
      const withHook = await buildEngagement(store().db);
      const without = await buildEngagement(store().db);
      await plans.save(withHook.id, 0, plan);
      await plans.save(without.id, 0, { ...plan, webhookUrl: null });
      expect(await plans.listWithWebhook()).toEqual([
        { ...plan, version: 1, engagementId: withHook.id, organizationId: withHook.organizationId },
      ]);
      await createEngagementsRepository(store().db).remove(withHook.id, withHook.version);
      expect(await plans.listWithWebhook()).toEqual([]);
      expect((await plans.find(withHook.id)).version).toBe(0);
    });
  });
}
