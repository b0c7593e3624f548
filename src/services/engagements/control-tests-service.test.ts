import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { controlFields, engagementSettings, samplesOf, unique } from '../../../test/support/factories.js';
import { OPERATOR } from '../platform/actor.js';
import { createServices } from '../index.js';

const test = { method: 'inspection' as const, populationSize: 42, scopeLimitation: null, samples: samplesOf('ppfp') };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: tests service, concurrently`, () => {
    const store = useFreshStore(engine, { poolSize: 8 });

    it('never lets concurrent additions take more samples than the population', async () => {
      const services = createServices(store());
      const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
      const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings());
      const control = await services.controls.create(OPERATOR, organization.id, engagement.id, controlFields({ id: 'AC-04' }));
      await services.tests.put(OPERATOR, organization.id, engagement.id, control.id, { ...test, populationSize: 10, samples: samplesOf('ppppp') });
      const additions = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          services.tests.addSample(OPERATOR, organization.id, engagement.id, 'AC-04', { item: `N-${i}`, result: 'pass', note: null }),
        ),
      );
      const added = additions.filter((a) => a.status === 'fulfilled');
      expect(added).toHaveLength(5);
      for (const refused of additions.filter((a) => a.status === 'rejected')) {
        expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(Error);
        expect(['ValidationError', 'ConflictError']).toContain((refused as PromiseRejectedResult).reason.name);
      }
      const stored = await services.tests.get(OPERATOR, organization.id, engagement.id, 'AC-04');
      expect(stored.samples).toHaveLength(10);
      expect(stored.version).toBe(6);
      const positions = await store().db.selectFrom('samples').select('position').orderBy('position').execute();
      expect(positions.map((p) => p.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });
}
