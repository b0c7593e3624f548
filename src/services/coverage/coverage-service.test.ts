import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { controlFields } from '../../../test/support/factories.js';
import { NotFoundError, examine, type ControlResult, type ExaminationResult } from '../../domain/index.js';
import { createControlsRepository } from '../../store/controls-repository.js';
import type { EvidenceFile } from '../evidence/evidence-service.js';
import { OPERATOR } from '../platform/actor.js';
import { findingsWorld } from '../testing.js';

/** A piece of evidence for `controls` covering `from`–`to`. */
function evidence(name: string, controls: string[], coversFrom: string | null, coversTo: string | null = coversFrom): EvidenceFile {
  return { content: Readable.from([Buffer.from(name)]), fileName: name, mediaType: 'application/pdf', controls, coversFrom, coversTo, source: 'upload' };
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: period coverage`, () => {
    const store = useFreshStore(engine);

    /** The findings world (January to June 2026) with AC-06, a quarterly access review without a test. */
    async function world() {
      const w = await findingsWorld(store());
      const { services, organizationId, engagementId } = w;
      await services.controls.create(OPERATOR, organizationId, engagementId, controlFields({ id: 'AC-06', title: 'Quarterly access review', criteria: ['CC6.3'], frequency: 'quarterly' }));
      const add = (file: EvidenceFile) => services.evidence.add(OPERATOR, organizationId, engagementId, file);
      const coverage = () => services.coverage.engagement(OPERATOR, organizationId, engagementId);
      const ofControl = (controlId: string) => services.coverage.control(OPERATOR, organizationId, engagementId, controlId);
      const examined = async (): Promise<ExaminationResult> =>
        JSON.parse((await services.examination.get(OPERATOR, organizationId, engagementId)).json.toString('utf8')) as ExaminationResult;
      const control = async (id: string): Promise<ControlResult> => (await examined()).controls.find((c) => c.id === id) as ControlResult;
      return { ...w, add, coverage, ofControl, examined, control };
    }

    it('tracks nothing and examines exactly as before while no evidence states a covered period', async () => {
      const { engagementId, coverage, examined, add, ofControl } = await world();
      await add(evidence('policy.pdf', ['AC-06'], null));
      const all = await coverage();
      const review = all.controls.find((c) => c.control === 'AC-06');
      expect(review).toMatchObject({ periodic: true, tracked: false, missing: [] });
      expect(review?.occurrences.map((o) => [o.label, o.status])).toEqual([['2026-Q1', 'not_tracked'], ['2026-Q2', 'not_tracked']]);
      expect(all.controls.find((c) => c.control === 'AC-04')).toMatchObject({ periodic: false, occurrences: [] });
      expect((await ofControl('AC-06')).evidenceRecords).toEqual([]);
      const plain = examine(await createControlsRepository(store().db).loadExamination(engagementId));
      expect(await examined()).toEqual(JSON.parse(JSON.stringify(plain)));
    });

    it('sees a missing quarter as a deviation, and the evidence filling it takes the deviation away', async () => {
      const { add, ofControl, control, coverage } = await world();
      expect((await control('AC-06')).conclusion).toBe('not_tested');

      const q1 = await add(evidence('q1-review.pdf', ['AC-06'], '2026-03-28'));
      const short = await ofControl('AC-06');
      expect(short.occurrences.map((o) => [o.label, o.status, o.evidence])).toEqual([
        ['2026-Q1', 'evidenced', [q1.id]],
        ['2026-Q2', 'missing', []],
      ]);
      expect(short.missing).toEqual(['2026-Q2']);
      expect(short.evidenceRecords).toEqual([{ id: q1.id, fileName: 'q1-review.pdf', coversFrom: '2026-03-28', coversTo: '2026-03-28' }]);
      // Seen by the (cached) examination at once: the evidence moved the engagement's revision on.
      const missing = await control('AC-06');
      expect(missing.conclusion).toBe('not_effective');
      expect(missing.failedSamples).toEqual(['2026-Q2']);
      expect(missing.reasons.at(-1)).toBe('AC-06: no evidence covers the occurrence 2026-Q2 of the 2 occurrences the period requires; each counts as a deviation (period coverage).');

      const q2 = await add(evidence('q2-review.pdf', ['AC-06'], '2026-06-20'));
      expect((await coverage()).controls.find((c) => c.control === 'AC-06')?.missing).toEqual([]);
      const filled = await control('AC-06');
      expect(filled.conclusion).toBe('not_tested');
      expect(filled.reasons.join(' ')).not.toContain('period coverage');
      expect((await ofControl('AC-06')).occurrences[1]?.evidence).toEqual([q2.id]);
    });

    it('raises a finding for the control a missing quarter leaves not effective when findings are synchronised', async () => {
      const { services, organizationId, engagementId, add } = await world();
      await add(evidence('q1-review.pdf', ['AC-06'], '2026-03-28'));
      const { findings } = await services.findings.syncFromExamination(OPERATOR, organizationId, engagementId);
      expect(findings.find((f) => f.control === 'AC-06')).toMatchObject({ source: 'deficiency', status: 'open' });
    });

    it('counts only the records in force: a deleted one evidences nothing', async () => {
      const { add, services, organizationId, engagementId, ofControl, control } = await world();
      await add(evidence('q1-review.pdf', ['AC-06'], '2026-02-01'));
      const q2 = await add(evidence('q2-review.pdf', ['AC-06'], '2026-05-01'));
      expect((await ofControl('AC-06')).missing).toEqual([]);
      await services.evidence.remove(OPERATOR, organizationId, engagementId, q2.id, q2.version, 'Uploaded for the wrong control');
      expect((await ofControl('AC-06')).missing).toEqual(['2026-Q2']);
      expect((await control('AC-06')).failedSamples).toEqual(['2026-Q2']);
    });

    it('adds a missing occurrence to a test the auditor recorded, and leaves a sample recorded for it as the auditor found it', async () => {
      const { services, organizationId, engagementId, add, control } = await world();
      await services.tests.put(OPERATOR, organizationId, engagementId, 'AC-06', {
        method: 'inspection',
        populationSize: 2,
        scopeLimitation: null,
        samples: [{ item: '2026-Q2', result: 'pass', note: 'Seen at the walkthrough' }],
      });
      await add(evidence('q2-review.pdf', ['AC-06'], '2026-05-01'));
      const result = await control('AC-06');
      // Q1 is missing and added as a failed sample; Q2 was missing too but had the auditor's passing sample.
      expect(result.sampleSize).toBe(2);
      expect(result.failedSamples).toEqual(['2026-Q1']);
      expect(result.conclusion).toBe('not_effective');
    });

    it('answers another organisation with not found, and a control out of the examination too', async () => {
      const { services, organizationId, engagementId } = await world();
      const other = await findingsWorld(store());
      await expect(services.coverage.engagement(OPERATOR, other.organizationId, engagementId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(services.coverage.control(OPERATOR, other.organizationId, engagementId, 'AC-06')).rejects.toBeInstanceOf(NotFoundError);
      await expect(services.coverage.control(OPERATOR, organizationId, engagementId, 'NOPE-1')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses a caller who is not a member, as if the organisation did not exist', async () => {
      const { services, organizationId, engagementId } = await world();
      const stranger = { kind: 'user' as const, userId: 'nobody', email: 'nobody@elsewhere.example' };
      await expect(services.coverage.engagement(stranger, organizationId, engagementId)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
