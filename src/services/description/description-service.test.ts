import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { engagementSettings, generateExamination, unique } from '../../../test/support/factories.js';
import { QueryCounter } from '../../../test/support/query-counter.js';
import { buildDescription } from '../../domain/description/testing.js';
import { createControlsRepository } from '../../store/controls-repository.js';
import type { Store } from '../../store/database.js';
import { OPERATOR } from '../platform/actor.js';
import { createServices } from '../index.js';

const CONTROLS = 12;

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: the system description service`, () => {
    const store = useFreshStore(engine);

    /** An engagement of generated controls with `samplesPerTest` samples in each test. */
    async function seed(s: Store, organizationId: string, samplesPerTest: number) {
      const services = createServices(s);
      const engagement = await services.engagements.create(OPERATOR, organizationId, engagementSettings());
      const generated = generateExamination({ ...engagementSettings(), organization: 'Acme' }, CONTROLS, samplesPerTest);
      await s.db.transaction().execute((trx) => createControlsRepository(s.db).replaceExamination(engagement.id, generated, trx));
      return { engagementId: engagement.id, samples: generated.tests.reduce((n, t) => n + t.samples.length, 0) };
    }

    it('reads the same rows to record and to show the description whatever the number of samples: it reads none of them', async () => {
      const organization = await createServices(store()).organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
      const few = await seed(store(), organization.id, 5);
      const many = await seed(store(), organization.id, 60);
      const counter = new QueryCounter();
      const counted = createServices({ ...store(), db: store().db.withPlugin(counter) });
      const rowsRead = async (engagementId: string) => {
        counter.rows = 0;
        const saved = await counted.description.update(OPERATOR, organization.id, engagementId, 0, buildDescription());
        const recording = counter.rows;
        counter.rows = 0;
        const view = await counted.description.get(OPERATOR, organization.id, engagementId);
        expect(view).toEqual(saved);
        return { view, recording, showing: counter.rows };
      };

      const small = await rowsRead(few.engagementId);
      const large = await rowsRead(many.engagementId);
      expect(large.view).toEqual({ ...small.view, updatedAt: large.view.updatedAt });
      expect({ recording: large.recording, showing: large.showing }).toEqual({ recording: small.recording, showing: small.showing });
      // The engagement, its key controls, the description, the findings: fewer rows than the small engagement's samples.
      expect(small.showing).toBeLessThan(few.samples);
    });
  });
}
