import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ROLES, can, type Role } from './access/permissions.js';
import { resultChangeProblems, resultChangeRefusal } from './independence.js';

const roles = fc.constantFrom(...ROLES);
const recorders = fc.option(roles, { nil: null });

describe('who may change a recorded result', () => {
  test.prop([recorders, roles])('only a result the auditor recorded is protected, and only from those without result.amend', (recordedBy, role) => {
    const refusal = resultChangeRefusal(recordedBy, role, 'the result of T-1');
    expect(refusal !== null).toBe(recordedBy === 'auditor' && !can(role, 'result.amend'));
  });

  it('refuses compliance and owners, and names why', () => {
    for (const role of ['compliance', 'owner'] as Role[]) {
      expect(resultChangeRefusal('auditor', role, 'the result of T-1')).toMatch(new RegExp(`The auditor recorded the result of T-1: the ${role} role cannot change it`));
    }
    expect(resultChangeRefusal('auditor', 'auditor', 'x')).toBeNull();
    expect(resultChangeRefusal('auditor', 'admin', 'x')).toBeNull();
    // An API token is held to the lesser of its role and its creator's: an auditor's token made by compliance may not.
    expect(resultChangeRefusal('auditor', { token: 'auditor', creator: 'compliance' }, 'x')).not.toBeNull();
  });

  test.prop([recorders, roles, fc.option(fc.string(), { nil: null })])('asks a reason of anyone changing the auditor’s record but the auditor', (recordedBy, role, reason) => {
    const problems = resultChangeProblems(recordedBy, role, 'the result of T-1', reason);
    const needed = recordedBy === 'auditor' && role !== 'auditor' && (reason ?? '').trim() === '';
    expect(problems.map((p) => p.path)).toEqual(needed ? [['reason']] : []);
  });
});
