import { describe, expect, it } from 'vitest';
import { QueryCounter } from '../../test/support/query-counter.js';
import type { Examination } from '../domain/engagement.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildOrganization, controlFields, engagementSettings, examinedEngagement, generateExamination, samplesOf } from '../../test/support/factories.js';
import { createControlsRepository } from './controls-repository.js';
import { createEngagementsRepository } from './engagements-repository.js';
import type { Executor } from './values.js';


const handMade: Examination = {
  engagement: examinedEngagement({ misstatements: [{ text: 'A significant incident in March is not disclosed', pervasive: false }] }),
  controls: [
    controlFields({ id: 'AC-04' }),
    {
      id: 'AC-01',
      title: 'Access reviews',
      criteria: ['CC6.1'],
      frequency: 'quarterly',
      nature: 'manual',
      key: false,
      design: 'deficient',
      compensates: ['AC-04'],
      owner: null,
    },
    {
      id: 'OP-9',
      title: 'Backups are restored monthly',
      criteria: ['A1.2', 'A1.3'],
      frequency: 'monthly',
      nature: 'automated',
      key: true,
      design: 'effective',
      compensates: [],
      owner: 'sre@acme.example',
    },
  ],
  tests: [
    {
      control: 'AC-04',
      method: 'inspection',
      populationSize: 42,
      samples: [
        { item: 'T-0031', result: 'fail', note: 'Access removed 9 days after termination' },
        { item: 'T-0012', result: 'pass', note: null },
      ],
      scopeLimitation: null,
    },
    { control: 'OP-9', method: 'reperformance', populationSize: null, samples: [], scopeLimitation: 'Population could not be produced' },
  ],
};

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: examination load and replace`, () => {
    const store = useFreshStore(engine);

    /** An engagement whose stored settings are those of `examination.engagement`. */
    async function engagementFor(examination: Examination): Promise<string> {
      const { organization: name, ...settings } = examination.engagement;
      const organization = await buildOrganization(store().db, { name });
      const created = await createEngagementsRepository(store().db).create({
        ...engagementSettings(settings),
        organizationId: organization.id,
      });
      return created.id;
    }

    async function replace(db: Executor, engagementId: string, examination: Pick<Examination, 'controls' | 'tests'>) {
      return db.transaction().execute((trx) => createControlsRepository(db).replaceExamination(engagementId, examination, trx));
    }

    it('round-trips a domain examination exactly, in its order', async () => {
      const engagementId = await engagementFor(handMade);
      expect(await replace(store().db, engagementId, handMade)).toEqual({ controls: 3, tests: 2, samples: 2 });
      expect(await createControlsRepository(store().db).loadExamination(engagementId)).toEqual(handMade);
    });

    it('round-trips 1,000 controls and tens of thousands of samples in a fixed number of queries', async () => {
      const examination = generateExamination(handMade.engagement, 1000, 50);
      const sampleCount = examination.tests.reduce((n, t) => n + t.samples.length, 0);
      expect(sampleCount).toBeGreaterThan(40_000); // well past one statement's parameter limit
      const engagementId = await engagementFor(examination);
      expect(await replace(store().db, engagementId, examination)).toEqual({
        controls: 1000,
        tests: examination.tests.length,
        samples: sampleCount,
      });

      const counter = new QueryCounter();
      const loaded = await createControlsRepository(store().db.withPlugin(counter)).loadExamination(engagementId);
      expect(loaded).toEqual(examination);
      // The engagement, the controls, the tests, the samples: no query per control or test.
      expect(counter.count).toBe(4);
    });

    it('replaces everything the engagement had, and nothing of another engagement', async () => {
      const engagementId = await engagementFor(handMade);
      const otherId = await engagementFor(handMade);
      await replace(store().db, engagementId, handMade);
      await replace(store().db, otherId, handMade);
      const next = generateExamination(handMade.engagement, 5, 3);
      await replace(store().db, engagementId, next);
      expect(await createControlsRepository(store().db).loadExamination(engagementId)).toEqual(next);
      expect(await createControlsRepository(store().db).loadExamination(otherId)).toEqual(handMade);

      await replace(store().db, engagementId, { controls: [], tests: [] });
      expect(await createControlsRepository(store().db).loadExamination(engagementId)).toEqual({
        engagement: handMade.engagement,
        controls: [],
        tests: [],
      });
    });

    it('refuses bad input as a whole, naming every issue, and keeps what was stored', async () => {
      const engagementId = await engagementFor(handMade);
      await replace(store().db, engagementId, handMade);
      const [first, second] = handMade.controls;
      const bad = {
        controls: [first, second, first].filter((c) => c !== undefined),
        tests: [
          { control: 'AC-04', method: 'inspection' as const, populationSize: 2, samples: [...samplesOf('pp'), ...samplesOf('f')], scopeLimitation: null },
          { control: 'AC-04', method: 'inquiry' as const, populationSize: null, samples: [], scopeLimitation: null },
          { control: 'NOPE', method: 'inquiry' as const, populationSize: null, samples: [], scopeLimitation: null },
        ],
      };
      const error = await replace(store().db, engagementId, bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        { location: '$.controls[2].id', message: 'duplicate control id AC-04' },
        { location: '$.tests[0].populationSize', message: '3 samples tested from a population of only 2' },
        { location: '$.tests[0].samples[2].item', message: 'sample item "T-0001" appears twice (first at $.tests[0].samples[0].item)' },
        { location: '$.tests[1].control', message: 'a second test of control AC-04' },
        { location: '$.tests[2].control', message: 'test of an unknown control NOPE' },
      ]);
      expect(await createControlsRepository(store().db).loadExamination(engagementId)).toEqual(handMade);
    });

    it('rolls the whole import back when the database refuses a row half-way', async () => {
      const engagementId = await engagementFor(handMade);
      await replace(store().db, engagementId, handMade);
      const next = generateExamination(handMade.engagement, 20, 5);
      const broken = {
        ...next,
        // Passes the up-front checks, fails the database's check constraint after the controls are in.
        tests: next.tests.map((t, i) => (i === 3 ? { ...t, samples: [{ item: 'x', result: 'maybe' as 'pass', note: null }] } : t)),
      };
      await expect(replace(store().db, engagementId, broken)).rejects.toThrow();
      expect(await createControlsRepository(store().db).loadExamination(engagementId)).toEqual(handMade);
    });

    it('refuses an unknown engagement', async () => {
      const controls = createControlsRepository(store().db);
      await expect(controls.loadExamination('missing')).rejects.toBeInstanceOf(NotFoundError);
      await expect(replace(store().db, 'missing', handMade)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('loads inside the caller’s transaction, seeing its uncommitted import', async () => {
      const engagementId = await engagementFor(handMade);
      await store()
        .db.transaction()
        .execute(async (trx) => {
          const controls = createControlsRepository(store().db);
          await controls.replaceExamination(engagementId, handMade, trx);
          expect(await controls.loadExamination(engagementId, trx)).toEqual(handMade);
        });
    });
  });
}
