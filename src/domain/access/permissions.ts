/**
 * Who may do what: the one authorization table (DESIGN §6). Routes and CLI commands name an action; the
 * services ask `can` / `requireAccess`; nothing else decides.
 */
import { ForbiddenError } from '../errors.js';

export const ROLES = ['admin', 'compliance', 'owner', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** How far a grant reaches: every subject of the organisation, or only those the actor owns. */
export type Reach = 'all' | 'own';

const everyone = { admin: 'all', compliance: 'all', owner: 'all', auditor: 'all', viewer: 'all' } as const;
const programme = { admin: 'all', compliance: 'all' } as const;

/**
 * The permission table. Roles, by DESIGN §6:
 * - admin: everything in the organisation, including members and API tokens;
 * - compliance: manages the programme (engagements, controls, tests);
 * - owner: reads everything, edits the controls it owns and their evidence;
 * - auditor: reads everything in its engagement and records tests, samples and conclusions, but never edits a
 *   control's description or evidence (independence);
 * - viewer: reads.
 */
export const PERMISSIONS = {
  'organization.read': everyone,
  'organization.update': { admin: 'all' },
  'member.read': everyone,
  'member.manage': { admin: 'all' },
  'token.manage': { admin: 'all' },
  'engagement.read': everyone,
  'engagement.manage': programme,
  'control.read': everyone,
  'control.manage': programme,
  'control.update': { ...programme, owner: 'own' },
  'test.record': { ...programme, auditor: 'all' },
  /**
   * What the organisation provides for a test: its population (the size, or a scope limitation saying it could
   * not be produced). The auditor tests it but does not alter it (DESIGN §6).
   */
  'evidence.manage': { ...programme, owner: 'own' },
  'examination.read': everyone,
  'audit.read': { admin: 'all', compliance: 'all', auditor: 'all' },
  'finding.read': everyone,
  /**
   * Creating findings from an examination, moving them through the lifecycle, root causes and retests. The
   * auditor takes part: observations and the judgment beside the engine's forecast are the auditor's.
   */
  'finding.manage': { ...programme, auditor: 'all' },
  /** The corrective actions of a finding: an owner plans and completes those of the findings on its controls. */
  'finding.remediate': { ...programme, owner: 'own' },
  /**
   * Overriding the engine's forecast of a finding (severity, pervasiveness): the auditor's judgment, shown beside
   * the forecast; the programme cannot grade its own deficiencies. The admin holds every action (and could make
   * itself an auditor anyway), so it keeps this one too.
   */
  'finding.judge': { admin: 'all', auditor: 'all' },
  /** Management's response to an exception: the organisation's words, never the auditor's (independence). */
  'response.write': { ...programme, owner: 'own' },
  /** Approving a management response: the programme's leads, someone other than its last editor (four eyes). */
  'response.approve': programme,
} as const satisfies Record<string, Partial<Record<Role, Reach>>>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** The reach a role has for an action, or null when it has none. */
export function reachOf(role: Role | null, action: Action): Reach | null {
  if (role === null) return null;
  const grants: Partial<Record<Role, Reach>> = PERMISSIONS[action];
  return grants[role] ?? null;
}

/**
 * Whether a role may take an action; for a grant limited to what the actor owns, `owns` says whether the
 * subject is the actor's (unknown ownership is no ownership).
 */
export function can(role: Role | null, action: Action, owns = false): boolean {
  const reach = reachOf(role, action);
  return reach === 'all' || (reach === 'own' && owns);
}

export function requireAccess(role: Role | null, action: Action, owns = false): void {
  if (!can(role, action, owns)) {
    throw new ForbiddenError(
      role === null ? `Not a member of this organisation` : `The ${role} role does not have the ${action} permission`,
    );
  }
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
