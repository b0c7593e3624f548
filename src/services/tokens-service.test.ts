import { describe, expect, it } from 'vitest';
import { ROLES } from '../domain/index.js';
import { roleWithin } from './tokens-service.js';

describe('a token role no higher than its creator’s', () => {
  it('lets an admin create any role', () => {
    for (const role of ROLES) expect(roleWithin(role, 'admin')).toBe(true);
  });

  it('orders the other roles by what they may do, from the permission table', () => {
    expect(roleWithin('owner', 'compliance')).toBe(true);
    // The auditor's judgment on a finding is not the programme's: an auditor is not within compliance.
    expect(roleWithin('auditor', 'compliance')).toBe(false);
    expect(roleWithin('viewer', 'auditor')).toBe(true);
    expect(roleWithin('compliance', 'owner')).toBe(false);
    expect(roleWithin('admin', 'compliance')).toBe(false);
    // Neither holds everything of the other: an owner edits its controls, an auditor records tests.
    expect(roleWithin('owner', 'auditor')).toBe(false);
    expect(roleWithin('auditor', 'owner')).toBe(false);
    for (const role of ROLES) expect(roleWithin(role, role)).toBe(true);
  });
});
