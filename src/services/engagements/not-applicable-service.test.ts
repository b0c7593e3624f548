import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { MAX_REJECTED_PROPOSALS, type ExaminationResult } from '../../domain/index.js';
import { OPERATOR, type Actor } from '../platform/actor.js';
import { findingsWorld } from '../testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: criteria not applicable, proposed and decided`, () => {
    const store = useFreshStore(engine);

    /** The findings world (CC8.1 not met: CM-01 is deficient in design), with compliance to propose. */
    async function world() {
      const w = await findingsWorld(store());
      const { services, organizationId, engagementId } = w;
      const compliance = await w.member('compliance');
      const result = async (): Promise<ExaminationResult> => JSON.parse((await services.examination.get(OPERATOR, organizationId, engagementId)).json.toString('utf8'));
      const status = async (criterion: string) => (await result()).criteria.find((c) => c.id === criterion)?.status;
      const propose = (actor: Actor, criterion: string, reason = 'Change management is the parent company’s') =>
        services.notApplicable.propose(actor, organizationId, engagementId, { criterion, reason });
      const decide = (actor: Actor, id: string, version: number, decision: 'accept' | 'reject', note: string | null = null) =>
        services.notApplicable.decide(actor, organizationId, engagementId, id, version, { decision, note });
      return { ...w, compliance, result, status, propose, decide };
    }

    it('keeps a proposal pending, out of the forecast, and shows both outcomes for a criterion not met', async () => {
      const { services, organizationId, engagementId, compliance, result, status, propose, events } = await world();
      const before = await result();
      expect(await status('CC8.1')).toBe('not_met');
      const proposal = await propose(compliance, 'CC8.1');
      expect(proposal).toMatchObject({ criterion: 'CC8.1', status: 'pending', proposedBy: `user:${(compliance as { email: string }).email}`, decidedBy: null, version: 1 });
      expect(await result()).toEqual(before);
      expect((await services.engagements.get(OPERATOR, organizationId, engagementId)).notApplicable.map((n) => n.criterion)).toEqual(['CC6.4']);

      const listed = await services.notApplicable.list(compliance, organizationId, engagementId);
      expect(listed.proposals).toEqual([proposal]);
      expect(listed.hasAuditor).toBe(false);
      // What acceptance would give is the engine's own result once it is accepted.
      const [forecast] = listed.forecasts;
      expect(forecast).toMatchObject({ criterion: 'CC8.1', status: 'not_met', opinion: before.opinion.overall });
      await services.notApplicable.decide(OPERATOR, organizationId, engagementId, proposal.id, 1, { decision: 'accept' });
      expect(await status('CC8.1')).toBe('not_applicable');
      expect((await result()).opinion.overall).toBe(forecast?.opinionIfAccepted);
      expect(await events('criterion.exclusion_proposed')).toEqual([expect.objectContaining({ after: proposal })]);
    });

    it('refuses a proposal out of scope, not applicable already, pending already or without its reason, and the auditor and owners', async () => {
      const { compliance, member, propose } = await world();
      await propose(compliance, 'CC8.1');
      for (const [criterion, reason, location, message] of [
        ['ZZ9.9', 'x', '$.criterion', 'unknown criterion "ZZ9.9"'],
        ['C1.1', 'x', '$.criterion', 'criterion "C1.1" is not in the chosen categories'],
        ['CC6.4', 'x', '$.criterion', 'criterion "CC6.4" is not applicable already'],
        ['CC8.1', 'x', '$.criterion', /proposed already: the proposal awaits the auditor's decision/],
        ['CC7.1', '  ', '$.reason', /say why the criterion does not apply/],
      ] as const) {
        await expect(propose(compliance, criterion, reason)).rejects.toMatchObject({ name: 'ValidationError', issues: [{ location, message: expect.stringMatching(message) }] });
      }
      for (const role of ['auditor', 'owner', 'viewer'] as const) {
        await expect(propose(await member(role), 'CC7.1')).rejects.toMatchObject({ name: 'ForbiddenError' });
      }
    });

    it("is decided by the auditor, never by management; a rejection says why and leaves the criterion in scope", async () => {
      const { services, organizationId, engagementId, compliance, member, status, propose, decide, events } = await world();
      const cc81 = await propose(compliance, 'CC8.1');
      const cc71 = await propose(compliance, 'CC7.1');
      const auditor = await member('auditor');
      const admin = await member('admin');
      await expect(decide(compliance, cc81.id, 1, 'accept')).rejects.toMatchObject({ name: 'ForbiddenError' });
      const byAdmin = decide(admin, cc81.id, 1, 'accept');
      await expect(byAdmin).rejects.toMatchObject({ name: 'ForbiddenError' });
      await expect(byAdmin).rejects.toThrow(/The organisation has an auditor, who accepts or rejects a criterion not applicable: the admin role decides only where there is none/);
      expect(await status('CC8.1')).toBe('not_met');

      await expect(decide(auditor, cc71.id, 1, 'reject', ' ')).rejects.toMatchObject({ issues: [{ location: '$.note' }] });
      const rejected = await decide(auditor, cc71.id, 1, 'reject', 'Monitoring is in the system’s boundary');
      expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'Monitoring is in the system’s boundary', version: 2 });
      expect(await status('CC7.1')).not.toBe('not_applicable');

      await expect(decide(auditor, cc81.id, 2, 'accept')).rejects.toMatchObject({ name: 'ConflictError' });
      const accepted = await decide(auditor, cc81.id, 1, 'accept');
      expect(accepted).toMatchObject({ status: 'accepted', decidedBy: expect.stringMatching(/^user:auditor/) });
      expect(await status('CC8.1')).toBe('not_applicable');
      const engagement = await services.engagements.get(OPERATOR, organizationId, engagementId);
      expect(engagement.notApplicable).toContainEqual({ criterion: 'CC8.1', reason: 'Change management is the parent company’s' });
      await expect(decide(auditor, cc81.id, 2, 'reject', 'x')).rejects.toThrow(/was accepted already/);

      // Decided proposals stay, pending ones first in the list; nothing pending, nothing to forecast.
      const listed = await services.notApplicable.list(auditor, organizationId, engagementId);
      expect(listed.proposals.map((p) => [p.criterion, p.status])).toEqual(expect.arrayContaining([['CC8.1', 'accepted'], ['CC7.1', 'rejected']]));
      expect(listed.forecasts).toEqual([]);
      expect(listed.hasAuditor).toBe(true);
      expect(await events('criterion.exclusion_accepted')).toEqual([expect.objectContaining({ before: cc81, after: accepted })]);
      expect(await events('criterion.exclusion_rejected')).toHaveLength(1);
    });

    it('takes no further proposal of a criterion the auditor has rejected three times, and writes nothing', async () => {
      const { services, organizationId, engagementId, compliance, member, propose, decide, events } = await world();
      const auditor = await member('auditor');
      for (let i = 0; i < MAX_REJECTED_PROPOSALS; i += 1) {
        const proposal = await propose(compliance, 'CC7.1', `Monitoring is the parent company’s (${i + 1})`);
        await decide(auditor, proposal.id, 1, 'reject', 'Monitoring is in the system’s boundary');
      }
      const refused = propose(compliance, 'CC7.1');
      await expect(refused).rejects.toMatchObject({
        name: 'ValidationError',
        issues: [{ location: '$.criterion', message: expect.stringMatching(/^the auditor has rejected 3 proposals that criterion "CC7.1" does not apply in this engagement/) }],
      });
      expect((await services.notApplicable.list(auditor, organizationId, engagementId)).proposals).toHaveLength(MAX_REJECTED_PROPOSALS);
      expect(await events('criterion.exclusion_proposed')).toHaveLength(MAX_REJECTED_PROPOSALS);
      // Another criterion is not held back by it.
      await expect(propose(compliance, 'CC8.1')).resolves.toMatchObject({ status: 'pending' });
    });

    it('lets an admin decide where the organisation has no auditor', async () => {
      const { compliance, member, status, propose, decide } = await world();
      const proposal = await propose(compliance, 'CC8.1');
      await decide(await member('admin'), proposal.id, 1, 'accept');
      expect(await status('CC8.1')).toBe('not_applicable');
    });

    it('refuses a change of settings that adds an exclusion or changes its reason, and lets one be withdrawn', async () => {
      const { services, organizationId, engagementId, compliance } = await world();
      const engagement = await services.engagements.get(OPERATOR, organizationId, engagementId);
      const carved = engagement.notApplicable;
      for (const notApplicable of [[...carved, { criterion: 'CC8.1', reason: 'x' }], [{ criterion: 'CC6.4', reason: 'Another reason' }]]) {
        await expect(services.engagements.update(compliance, organizationId, engagementId, engagement.version, { notApplicable })).rejects.toMatchObject({
          issues: [{ location: `$.notApplicable[${notApplicable.length - 1}]`, message: expect.stringMatching(/not applicable only once the auditor accepts it: propose it/) }],
        });
      }
      const withdrawn = await services.engagements.update(compliance, organizationId, engagementId, engagement.version, { notApplicable: [] });
      expect(withdrawn.notApplicable).toEqual([]);
    });
  });
}
