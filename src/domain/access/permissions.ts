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
  /**
   * Accepting the risk of a finding instead of remediating it: management's decision, never the auditor's, who
   * reports on what management decided (independence).
   */
  'risk.accept': programme,
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
  /**
   * Bringing back an archived engagement or control (archiving it is `engagement.manage` / `control.manage`):
   * the admin's, as archived work is evidence the programme has set aside.
   */
  'archive.restore': { admin: 'all' },
  /** Deleting what is archived, after its whole record is written into the audit log: the admin's alone. */
  'archive.purge': { admin: 'all' },
  /**
   * Changing a sample's result or note once the auditor has recorded it, or retiring it with its test: the
   * auditor's (independence); the admin's too, with a reason (src/domain/independence.ts).
   */
  'result.amend': { admin: 'all', auditor: 'all' },
  /** Proposing that a criterion does not apply to the system: a management assertion, with its reason. */
  'exclusion.propose': programme,
  /**
   * Accepting or rejecting a proposal that a criterion does not apply: the auditor's; the admin's only while the
   * organisation has no auditor (src/domain/criteria/exclusions.ts).
   */
  'exclusion.decide': { admin: 'all', auditor: 'all' },
  /** Running a monitoring check now: the programme, and the auditor, who reperforms it over the same exports. */
  'check.run': { ...programme, auditor: 'all' },
  /** When a check runs by itself (its schedule): the programme's. */
  'check.schedule': programme,
  /**
   * Asking the organisation for evidence (the auditor's request list, its CSV import) and accepting or returning
   * what it provides: the auditor's, who never provides the evidence it tests (independence).
   */
  'request.ask': { admin: 'all', auditor: 'all' },
  /** Answering a request with evidence or a comment: the organisation's; an owner those it is named on or whose control it owns. */
  'request.answer': { ...programme, owner: 'own' },
  /**
   * The engagement's documents (the report draft, letters, workpapers): generating one and downloading it. A
   * reading: a document states only what its reader may read already, so everyone who reads the engagement may.
   */
  'report.read': everyone,
  /**
   * The auditor's package: every evidence file of the engagement in one download, with the workpapers. The auditor
   * it is for and the programme that hands it over; an owner or a viewer reads each piece, not the whole set at once.
   */
  'package.export': { ...programme, auditor: 'all' },
  /** What the public trust page shows, the report and NDA behind it, and who may download it: the admin's. */
  'trust.manage': { admin: 'all' },
  'description.read': everyone,
  /**
   * The system description and which findings are significant incidents it must disclose: management's
   * assertion, never the auditor's, who reports on whether it is fairly presented (independence).
   */
  'description.edit': programme,
  /** The risk register: read by everyone; written (risks, their treatment and acceptance) by the programme. */
  'risk.read': everyone,
  'risk.manage': programme,
  /** The vendors, their reviews and SOC 2 reports: read by everyone; kept by the programme. */
  'vendor.read': everyone,
  'vendor.manage': programme,
} as const satisfies Record<string, Partial<Record<Role, Reach>>>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/**
 * What an actor holds in an organisation: a role, or an API token's role held within its creator's current
 * role (`tokenGrant`). A grant is what `can` and `requireAccess` decide on.
 */
export type Grant = Role | TokenGrant;

/** An API token's own role, limited by its creator's role today: each action at the lesser of the two reaches. */
export interface TokenGrant {
  readonly token: Role;
  readonly creator: Role;
}

const REACH_ORDER: readonly (Reach | null)[] = [null, 'own', 'all'];

function lesser(a: Reach | null, b: Reach | null): Reach | null {
  return REACH_ORDER.indexOf(a) <= REACH_ORDER.indexOf(b) ? a : b;
}

/** The reach a grant has for an action, or null when it has none. */
export function reachOf(grant: Grant | null, action: Action): Reach | null {
  if (grant === null) return null;
  if (typeof grant !== 'string') return lesser(reachOf(grant.token, action), reachOf(grant.creator, action));
  const grants: Partial<Record<Role, Reach>> = PERMISSIONS[action];
  return grants[grant] ?? null;
}

/**
 * Whether `grant` holds nothing `holder` lacks: for every action of the table its reach is within the holder's
 * ('own' is within 'all'). Derived from the one table, so a new action or role needs no change here.
 */
export function grantWithin(grant: Grant, holder: Grant): boolean {
  return ACTIONS.every((action) => lesser(reachOf(grant, action), reachOf(holder, action)) === reachOf(grant, action));
}

/**
 * What an API token may do: exactly the intersection of its own role and its creator's current role, action by
 * action (admin ∩ x = x), so a token never does more than either and loses what its creator loses. Roles are not
 * totally ordered (an auditor judges findings, compliance manages the programme), so the intersection is not
 * always a role: it is given as a role where one has exactly those grants, else as the pair.
 */
export function tokenGrant(token: Role, creator: Role): Grant {
  return TOKEN_GRANTS.get(`${token} ${creator}`) ?? intersection(token, creator);
}

function intersection(token: Role, creator: Role): Grant {
  const exact = ROLES.find((role) => ACTIONS.every((action) => reachOf(role, action) === reachOf({ token, creator }, action)));
  return exact ?? { token, creator };
}

/** Every pair's grant, worked out once: a token's grant is asked for on each of its requests. */
const TOKEN_GRANTS: ReadonlyMap<string, Grant> = new Map(
  ROLES.flatMap((token) => ROLES.map((creator) => [`${token} ${creator}`, intersection(token, creator)] as const)),
);

/**
 * The role to show for a grant (e.g. to a client deciding what to offer): the grant itself when it is a role,
 * else the role of most grants wholly within it (the viewer's always is).
 */
export function shownRole(grant: Grant): Role {
  if (typeof grant === 'string') return grant;
  const within = ROLES.filter((role) => grantWithin(role, grant));
  const size = (role: Role) => ACTIONS.filter((action) => reachOf(role, action) !== null).length;
  return within.reduce((best, role) => (size(role) > size(best) ? role : best), 'viewer');
}

/** A grant in words, for refusals: "the viewer role", "an API token's auditor role within its creator's compliance role". */
export function describeGrant(grant: Grant): string {
  return typeof grant === 'string' ? `the ${grant} role` : `an API token's ${grant.token} role within its creator's ${grant.creator} role`;
}

/**
 * Whether a grant allows an action; for a grant limited to what the actor owns, `owns` says whether the
 * subject is the actor's (unknown ownership is no ownership).
 */
export function can(grant: Grant | null, action: Action, owns = false): boolean {
  const reach = reachOf(grant, action);
  return reach === 'all' || (reach === 'own' && owns);
}

export function requireAccess(grant: Grant | null, action: Action, owns = false): void {
  if (!can(grant, action, owns)) {
    const who = grant === null ? null : describeGrant(grant);
    throw new ForbiddenError(who === null ? `Not a member of this organisation` : `${who.charAt(0).toUpperCase()}${who.slice(1)} does not have the ${action} permission`);
  }
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
