/**
 * Laws of an API token's grant (its own role within its creator's current one): never more than either role,
 * exactly their intersection, lost as the creator loses rights; and the role shown for it claims nothing more.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, can, grantWithin, reachOf, requireAccess, shownRole, tokenGrant, type Reach } from './permissions.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const role = fc.constantFrom(...ROLES);
const action = fc.constantFrom(...ACTIONS);
const rank = (reach: Reach | null) => (reach === null ? 0 : reach === 'own' ? 1 : 2);

describe('an API token’s grant', () => {
  prop.prop([role, role, action], { numRuns: RUNS })('is never more than the token’s role or its creator’s', (token, creator, a) => {
    const reach = rank(reachOf(tokenGrant(token, creator), a));
    expect(reach).toBeLessThanOrEqual(rank(reachOf(token, a)));
    expect(reach).toBeLessThanOrEqual(rank(reachOf(creator, a)));
  });

  prop.prop([role, role, action], { numRuns: RUNS })('is exactly what both roles allow, action by action', (token, creator, a) => {
    const both = Math.min(rank(reachOf(token, a)), rank(reachOf(creator, a)));
    expect(rank(reachOf(tokenGrant(token, creator), a))).toBe(both);
    for (const owns of [true, false]) expect(can(tokenGrant(token, creator), a, owns)).toBe(can(token, a, owns) && can(creator, a, owns));
  });

  prop.prop([role, role, role], { numRuns: RUNS })('never grows when the creator is demoted', (token, creator, demotedTo) => {
    fc.pre(grantWithin(demotedTo, creator));
    expect(grantWithin(tokenGrant(token, demotedTo), tokenGrant(token, creator))).toBe(true);
  });

  prop.prop([role, role], { numRuns: RUNS })('is shown as a role that claims nothing it lacks', (token, creator) => {
    const grant = tokenGrant(token, creator);
    expect(grantWithin(shownRole(grant), grant)).toBe(true);
  });

  it('is the token’s own role under an admin, and the creator’s when that is less', () => {
    for (const r of ROLES) {
      expect(tokenGrant(r, 'admin')).toBe(r);
      expect(tokenGrant('admin', r)).toBe(r);
      expect(tokenGrant(r, r)).toBe(r);
      expect(tokenGrant(r, 'viewer')).toBe('viewer');
    }
    expect(tokenGrant('compliance', 'owner')).toBe('owner');
    // An owner and an auditor share only reading.
    expect(tokenGrant('auditor', 'owner')).toBe('viewer');
  });

  it('is no role at all for an auditor’s token of a creator now in compliance: tests, but no judgment', () => {
    const grant = tokenGrant('auditor', 'compliance');
    expect(grant).toEqual({ token: 'auditor', creator: 'compliance' });
    expect(can(grant, 'test.record')).toBe(true);
    expect(can(grant, 'finding.manage')).toBe(true);
    expect(can(grant, 'finding.judge')).toBe(false);
    expect(can(grant, 'control.manage')).toBe(false);
    expect(shownRole(grant)).toBe('viewer');
    expect(() => requireAccess(grant, 'finding.judge')).toThrow(
      "An API token's auditor role within its creator's compliance role does not have the finding.judge permission",
    );
  });

  it('orders roles by what they may do, from the permission table', () => {
    for (const r of ROLES) expect(grantWithin(r, 'admin')).toBe(true);
    expect(grantWithin('owner', 'compliance')).toBe(true);
    // The auditor's judgment on a finding is not the programme's: an auditor is not within compliance.
    expect(grantWithin('auditor', 'compliance')).toBe(false);
    expect(grantWithin('viewer', 'auditor')).toBe(true);
    expect(grantWithin('compliance', 'owner')).toBe(false);
    expect(grantWithin('admin', 'compliance')).toBe(false);
    expect(grantWithin('owner', 'auditor')).toBe(false);
    expect(grantWithin('auditor', 'owner')).toBe(false);
  });
});
