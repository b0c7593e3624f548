import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { FINDING_STATUSES, expireAcceptedRisk } from '../domain/findings/index.js';
import { ROOT_CAUSE, buildFinding, buildRetest, doneAction } from '../domain/findings/testing.js';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { buildEngagement, testDependencies } from '../../test/support/factories.js';
import { createEngagementsRepository } from './engagements-repository.js';
import { createFindingsRepository } from './findings-repository.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: findings repository`, () => {
    const store = useFreshStore(engine);

    it('stores a finding whole and reads it back by code, listed by status and control', async () => {
      const findings = createFindingsRepository(store().db, testDependencies());
      const engagement = await buildEngagement(store().db);
      const finding = buildFinding({ correctiveActions: [doneAction()], retests: [buildRetest()] });
      const created = await findings.create(engagement.id, finding);
      expect(created).toEqual({ ...finding, engagementId: engagement.id, createdAt: expect.any(String), version: 1 });
      expect(await findings.findByCode(engagement.id, 'F-AC-04')).toEqual(created);
      await findings.create(engagement.id, buildFinding({ code: 'F-CM-01', control: 'CM-01', status: 'analysing' }));
      expect((await findings.list(engagement.id)).map((f) => f.code)).toEqual(['F-AC-04', 'F-CM-01']);
      expect((await findings.list(engagement.id, { status: 'analysing' })).map((f) => f.code)).toEqual(['F-CM-01']);
      expect((await findings.list(engagement.id, { control: 'AC-04' })).map((f) => f.code)).toEqual(['F-AC-04']);
      // A code is unique in its engagement, not across engagements.
      await expect(findings.create(engagement.id, finding)).rejects.toThrow(ConflictError);
      const other = await buildEngagement(store().db);
      expect((await findings.create(other.id, finding)).version).toBe(1);
      await expect(findings.create('no-such-engagement', finding)).rejects.toThrow(NotFoundError);
    });

    it('changes a finding at its version only, and links a root cause shared by findings', async () => {
      const findings = createFindingsRepository(store().db, testDependencies());
      const engagement = await buildEngagement(store().db);
      await findings.create(engagement.id, buildFinding());
      await findings.create(engagement.id, buildFinding({ code: 'F-CM-01', control: 'CM-01' }));
      await findings.saveRootCause(engagement.id, ROOT_CAUSE);
      const updated = await findings.update(engagement.id, 1, buildFinding({ status: 'analysing', rootCause: ROOT_CAUSE.id }));
      expect(updated).toMatchObject({ status: 'analysing', rootCause: 'RC-1', version: 2 });
      await expect(findings.update(engagement.id, 1, buildFinding())).rejects.toThrow(ConflictError);
      await expect(findings.update(engagement.id, 1, buildFinding({ code: 'F-NONE' }))).rejects.toThrow(NotFoundError);
      await findings.update(engagement.id, 1, buildFinding({ code: 'F-CM-01', control: 'CM-01', rootCause: 'RC-1' }));

      const rewritten = await findings.saveRootCause(engagement.id, { ...ROOT_CAUSE, whys: ['One', 'Two', 'Three'] });
      expect(rewritten).toMatchObject({ id: 'RC-1', whys: ['One', 'Two', 'Three'], version: 2 });
      expect(await findings.listRootCauses(engagement.id)).toEqual([rewritten]);
      expect((await findings.list(engagement.id)).map((f) => f.rootCause)).toEqual(['RC-1', 'RC-1']);
    });

    it('rewrites a root cause at its version only', async () => {
      const findings = createFindingsRepository(store().db, testDependencies());
      const engagement = await buildEngagement(store().db);
      await findings.saveRootCause(engagement.id, ROOT_CAUSE);
      const rewritten = await findings.rewriteRootCause(engagement.id, { ...ROOT_CAUSE, title: 'Rewritten' }, 1);
      expect(rewritten).toMatchObject({ title: 'Rewritten', version: 2 });
      await expect(findings.rewriteRootCause(engagement.id, { ...ROOT_CAUSE, title: 'Stale' }, 1)).rejects.toThrow(ConflictError);
      await expect(findings.rewriteRootCause(engagement.id, { ...ROOT_CAUSE, id: 'RC-9' }, 1)).rejects.toThrow(NotFoundError);
      expect(await findings.listRootCauses(engagement.id)).toEqual([rewritten]);
    });

    it('pages findings by status as they read on a day: an accepted risk past its expiry is open, as the domain says', async () => {
      const findings = createFindingsRepository(store().db, testDependencies());
      const engagement = await buildEngagement(store().db);
      const today = '2026-09-15';
      const accepted = (id: string, expires: string | null) =>
        buildFinding({
          code: id,
          status: 'risk_accepted',
          riskAcceptance: expires === null ? null : { approver: 'cfo@acme.example', reason: 'Compensated', expires, acceptedOn: '2026-07-01' },
        });
      for (const finding of [
        buildFinding({ code: 'F-1', status: 'open' }),
        accepted('F-2', '2026-09-14'),
        accepted('F-3', today),
        accepted('F-4', '2026-09-16'),
        accepted('F-5', null),
        buildFinding({ code: 'F-6', status: 'remediating' }),
      ]) {
        await findings.create(engagement.id, finding);
      }
      const all = await findings.list(engagement.id);
      for (const status of FINDING_STATUSES) {
        const page = await findings.page(engagement.id, { status, today }, { limit: 10, offset: 0 });
        const expected = all.filter((f) => expireAcceptedRisk(f, today).status === status).map((f) => f.code);
        expect(page.items.map((f) => f.code), status).toEqual(expected);
        expect(page.total, status).toBe(expected.length);
      }
      expect((await findings.page(engagement.id, { status: 'open', today }, { limit: 10, offset: 0 })).items.map((f) => f.code)).toEqual(['F-1', 'F-2']);
      expect(await findings.page(engagement.id, { today }, { limit: 2, offset: 4 })).toMatchObject({ total: 6, items: [{ code: 'F-5' }, { code: 'F-6' }] });
    });

    it('goes with its engagement', async () => {
      const findings = createFindingsRepository(store().db, testDependencies());
      const engagement = await buildEngagement(store().db);
      await findings.saveRootCause(engagement.id, ROOT_CAUSE);
      await findings.create(engagement.id, buildFinding({ rootCause: 'RC-1' }));
      await createEngagementsRepository(store().db).remove(engagement.id, engagement.version);
      expect(await findings.list(engagement.id)).toEqual([]);
      expect(await findings.listRootCauses(engagement.id)).toEqual([]);
    });
  });
}
