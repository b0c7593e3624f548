import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildEngagement, testDependencies } from '../../test/support/factories.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { ManagementResponse } from '../domain/findings/index.js';
import { buildFinding } from '../domain/findings/testing.js';
import { createFindingsRepository } from './findings-repository.js';
import { createManagementResponsesRepository } from './management-responses-repository.js';

const draft: ManagementResponse = {
  finding: 'F-AC-04',
  whatHappened: 'Two leavers kept their access for a week.',
  rootCause: 'Offboarding depends on a manual ticket.',
  correctiveAction: 'Deprovisioning is automated from the HR system.',
  remediatedOn: null,
  status: 'draft',
  editedBy: 'compliance@acme.example',
  editedOn: '2026-07-01T09:00:00.000Z',
  approvedBy: null,
  approvedOn: null,
};

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: management responses repository`, () => {
    const store = useFreshStore(engine);

    async function withFinding() {
      const engagement = await buildEngagement(store().db);
      await createFindingsRepository(store().db, testDependencies()).create(engagement.id, buildFinding());
      return { engagement, responses: createManagementResponsesRepository(store().db, testDependencies()) };
    }

    it('stores one response per finding, read back by the finding code', async () => {
      const { engagement, responses } = await withFinding();
      expect(await responses.find(engagement.id, 'F-AC-04')).toBeNull();
      const created = await responses.create(engagement.id, draft);
      expect(created).toEqual({ ...draft, version: 1 });
      expect(await responses.find(engagement.id, 'F-AC-04')).toEqual(created);
      await expect(responses.create(engagement.id, draft)).rejects.toThrow(ConflictError);
      await expect(responses.create(engagement.id, { ...draft, finding: 'F-NONE' })).rejects.toThrow(NotFoundError);
      // The same code in another engagement is another finding, with no response.
      const other = await buildEngagement(store().db);
      expect(await responses.find(other.id, 'F-AC-04')).toBeNull();
    });

    it('changes a response at its version only', async () => {
      const { engagement, responses } = await withFinding();
      await responses.create(engagement.id, draft);
      const approved = { ...draft, status: 'approved' as const, approvedBy: 'admin@acme.example', approvedOn: '2026-07-02T10:00:00.000Z', remediatedOn: '2026-08-20' };
      expect(await responses.update(engagement.id, 1, approved)).toEqual({ ...approved, version: 2 });
      await expect(responses.update(engagement.id, 1, draft)).rejects.toThrow(ConflictError);
      await expect(responses.update(engagement.id, 2, { ...draft, finding: 'F-NONE' })).rejects.toThrow(NotFoundError);
      expect(await responses.find(engagement.id, 'F-AC-04')).toMatchObject({ status: 'approved', version: 2 });
    });

    it('lists the engagement’s responses in code order, and deletes all but those kept', async () => {
      const engagement = await buildEngagement(store().db);
      const findings = createFindingsRepository(store().db, testDependencies());
      for (const id of ['F-2', 'F-1', 'F-3']) await findings.create(engagement.id, buildFinding({ code: id }));
      const other = await buildEngagement(store().db);
      await findings.create(other.id, buildFinding({ code: 'F-1' }));
      const responses = createManagementResponsesRepository(store().db, testDependencies());
      for (const finding of ['F-3', 'F-1', 'F-2']) await responses.create(engagement.id, { ...draft, finding });
      await responses.create(other.id, { ...draft, finding: 'F-1' });
      expect((await responses.list(engagement.id)).map((r) => r.finding)).toEqual(['F-1', 'F-2', 'F-3']);

      expect(await responses.deleteAllBut(engagement.id, ['F-2'])).toBe(2);
      expect((await responses.list(engagement.id)).map((r) => r.finding)).toEqual(['F-2']);
      expect(await responses.deleteAllBut(engagement.id, [])).toBe(1);
      expect(await responses.list(engagement.id)).toEqual([]);
      // Another engagement's response to a finding of the same code is not touched.
      expect((await responses.list(other.id)).map((r) => r.finding)).toEqual(['F-1']);
    });

    it('refuses a status the model does not have, and goes with its finding', async () => {
      const { engagement, responses } = await withFinding();
      await expect(responses.create(engagement.id, { ...draft, status: 'published' as never })).rejects.toThrow();
      expect(await responses.find(engagement.id, 'F-AC-04')).toBeNull();
      await responses.create(engagement.id, draft);
      await store().db.deleteFrom('findings').where('engagement_id', '=', engagement.id).execute();
      expect(await store().db.selectFrom('management_responses').select('id').execute()).toEqual([]);
    });
  });
}
