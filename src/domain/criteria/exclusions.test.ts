import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ROLES, can } from '../access/permissions.js';
import { MAX_REJECTED_PROPOSALS, decisionProblems, decisionRefusal, proposalProblems } from './exclusions.js';

describe('criteria not applicable: who decides', () => {
  test.prop([fc.constantFrom(...ROLES), fc.boolean()])('the auditor always; an admin only without an auditor; management never', (role, hasAuditor) => {
    const allowed = role === 'auditor' || (role === 'admin' && !hasAuditor);
    expect(decisionRefusal(role, hasAuditor) === null).toBe(allowed);
    // The permission table is the outer bound: no one it refuses is let through.
    if (!can(role, 'exclusion.decide')) expect(decisionRefusal(role, hasAuditor)).not.toBeNull();
  });

  it("holds an auditor's API token to its creator's role", () => {
    expect(decisionRefusal({ token: 'auditor', creator: 'compliance' }, true)).toMatch(/cannot decide it/);
    expect(decisionRefusal('auditor', true)).toBeNull();
  });

  it('asks a rejection for its reason, not an acceptance', () => {
    expect(decisionProblems('reject', ' ')).toEqual([{ path: ['note'], message: expect.stringMatching(/say why the criterion applies/) }]);
    expect(decisionProblems('accept', null)).toEqual([]);
  });

  it('names one problem per field of a proposal', () => {
    const context = { inScope: new Set(['CC6.4', 'CC8.1']), accepted: new Set(['CC6.4']), pending: new Set(['CC8.1']), rejected: new Map<string, number>() };
    expect(proposalProblems({ criterion: 'CC8.1', reason: '' }, context).map((p) => p.path)).toEqual([['criterion'], ['reason']]);
    expect(proposalProblems({ criterion: 'CC6.4', reason: 'x' }, context)).toEqual([{ path: ['criterion'], message: 'criterion "CC6.4" is not applicable already' }]);
  });

  it('takes no further proposal of a criterion once the auditor has rejected it the most times allowed', () => {
    const context = { inScope: new Set(['CC9.2']), accepted: new Set<string>(), pending: new Set<string>(), rejected: new Map([['CC9.2', MAX_REJECTED_PROPOSALS - 1]]) };
    expect(proposalProblems({ criterion: 'CC9.2', reason: 'No vendors' }, context)).toEqual([]);
    const refused = proposalProblems({ criterion: 'CC9.2', reason: 'No vendors' }, { ...context, rejected: new Map([['CC9.2', MAX_REJECTED_PROPOSALS]]) });
    expect(refused).toEqual([{ path: ['criterion'], message: expect.stringMatching(/^the auditor has rejected 3 proposals that criterion "CC9.2" does not apply in this engagement: no further one is taken/) }]);
  });
});
