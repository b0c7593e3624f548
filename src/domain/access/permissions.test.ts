import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors.js';
import { ACTIONS, can, isRole, reachOf, requireAccess, ROLES } from './permissions.js';

describe('permission table', () => {
  it('gives the admin every action over everything', () => {
    for (const action of ACTIONS) expect(reachOf('admin', action), action).toBe('all');
  });

  it('lets a viewer only read', () => {
    const allowed = ACTIONS.filter((a) => can('viewer', a));
    expect(allowed.every((a) => a.endsWith('.read'))).toBe(true);
    expect(allowed).not.toContain('audit.read');
  });

  it('lets an auditor record tests but never edit a control or manage people', () => {
    expect(can('auditor', 'test.record')).toBe(true);
    for (const action of ['control.manage', 'control.update', 'evidence.manage', 'member.manage', 'token.manage', 'engagement.manage'] as const) {
      expect(can('auditor', action, true), action).toBe(false);
    }
  });

  it('lets an owner edit only the controls it owns', () => {
    expect(reachOf('owner', 'control.update')).toBe('own');
    expect(can('owner', 'control.update', true)).toBe(true);
    expect(can('owner', 'control.update', false)).toBe(false);
    expect(can('owner', 'control.manage', true)).toBe(false);
  });

  it('lets the organisation, not the auditor, provide the evidence: compliance all of it, an owner its own', () => {
    expect(reachOf('compliance', 'evidence.manage')).toBe('all');
    expect(reachOf('owner', 'evidence.manage')).toBe('own');
    expect(can('owner', 'evidence.manage', true)).toBe(true);
    expect(can('owner', 'evidence.manage', false)).toBe(false);
    expect(reachOf('auditor', 'evidence.manage')).toBeNull();
    expect(reachOf('viewer', 'evidence.manage')).toBeNull();
    // An owner provides evidence but does not test its own control.
    expect(can('owner', 'test.record', true)).toBe(false);
  });

  it('lets the auditor work findings, and an owner only the corrective actions of findings on its controls', () => {
    expect(reachOf('viewer', 'finding.read')).toBe('all');
    expect(reachOf('auditor', 'finding.manage')).toBe('all');
    expect(reachOf('compliance', 'finding.manage')).toBe('all');
    expect(reachOf('owner', 'finding.manage')).toBeNull();
    expect(reachOf('viewer', 'finding.manage')).toBeNull();
    expect(can('owner', 'finding.remediate', true)).toBe(true);
    expect(can('owner', 'finding.remediate', false)).toBe(false);
    expect(reachOf('auditor', 'finding.remediate')).toBeNull();
  });

  it('grants nothing to a non-member', () => {
    for (const action of ACTIONS) expect(can(null, action, true)).toBe(false);
    expect(() => requireAccess(null, 'organization.read')).toThrow(ForbiddenError);
  });

  it('names the role and the action when it refuses', () => {
    expect(() => requireAccess('viewer', 'control.manage')).toThrow('The viewer role does not have the control.manage permission');
  });

  it('knows its roles', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('superuser')).toBe(false);
  });
});
