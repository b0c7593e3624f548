/**
 * Joining an organisation by invitation. An admin (`member.manage`) invites an email in a role and gets a
 * single-use link, shown once, kept only as a hash; nobody but the invitee ever sets their password. The invitee
 * opens the link and either sets the password of a new account (and is signed in) or accepts while signed in to
 * the account of that email. Inviting an address answers the same whether or not it has an account, so an admin
 * learns nothing of other tenants.
 */
import {
  ConflictError,
  ForbiddenError,
  INVITATION_TTL_MS,
  NotFoundError,
  requireInvitee,
  requirePending,
  type Role,
} from '../../domain/index.js';
import type { Invitation, InvitationsRepository } from '../../store/invitations-repository.js';
import type { MembershipsRepository } from '../../store/memberships-repository.js';
import type { OrganizationsRepository } from '../../store/organizations-repository.js';
import type { User, UsersRepository } from '../../store/users-repository.js';
import type { Executor, Page, Paged, Trx } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import { describeActor, type Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { hashPassword } from '../platform/passwords.js';
import { newSecret } from '../platform/secrets.js';
import type { SessionOpener, SignedIn } from './sessions.js';

export interface NewInvitation {
  email: string;
  role: Role;
}

export interface CreatedInvitation {
  invitation: Invitation;
  /** The link's secret: returned this once, never stored or shown again. */
  secret: string;
}

/** What the invitee sees before accepting: no more than they need to decide. */
export interface InvitationPreview {
  organizationName: string;
  email: string;
  role: Role;
  expiresAt: string;
}

export interface NewAccount {
  displayName: string;
  password: string;
}

export function createInvitationsService(deps: {
  db: Executor;
  invitations: InvitationsRepository;
  users: Pick<UsersRepository, 'findByEmail' | 'findById' | 'create'>;
  memberships: Pick<MembershipsRepository, 'add' | 'find'>;
  organizations: Pick<OrganizationsRepository, 'findById'>;
  opener: SessionOpener;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
}) {
  const { db, invitations, users, memberships, organizations, opener, access, audit, clock } = deps;

  /** The pending invitation of a link's secret; otherwise a clear refusal (unknown, accepted, revoked, expired). */
  const pendingByToken = async (token: string, trx?: Executor): Promise<Invitation> => {
    const invitation = await invitations.findByToken(token, trx);
    if (!invitation) throw new NotFoundError('The invitation');
    requirePending(invitation, clock());
    return invitation;
  };

  /** Refuses an invitation a conditional update could not change, saying why (it was accepted, revoked or expired). */
  const noLongerPending = async (invitation: Invitation, trx: Trx): Promise<never> => {
    requirePending((await invitations.findById(invitation.id, trx)) ?? invitation, clock());
    throw new ConflictError('This invitation is no longer pending');
  };

  /** Uses the invitation for `user`: marks it accepted (once, even under a race) and makes the membership. */
  const join = async (trx: Trx, invitation: Invitation, user: User) => {
    const actor: Actor = { kind: 'user', userId: user.id, email: user.email };
    if (await memberships.find(invitation.organizationId, user.id, trx)) {
      throw new ConflictError('You are already a member of this organisation');
    }
    if (!(await invitations.markAccepted(invitation.id, user.id, trx))) await noLongerPending(invitation, trx);
    const organizationId = invitation.organizationId;
    await audit.record(trx, actor, { type: 'invitation.accepted', organizationId, subject: `invitation:${invitation.id}`, before: invitation });
    const membership = await memberships.add({ organizationId, userId: user.id, role: invitation.role }, trx);
    await audit.record(trx, actor, { type: 'member.added', organizationId, subject: `user:${user.id}`, after: membership });
    return membership;
  };

  const revokePending = async (trx: Trx, actor: Actor, invitation: Invitation): Promise<boolean> => {
    if (!(await invitations.revoke(invitation.id, trx))) return false;
    await audit.record(trx, actor, { type: 'invitation.revoked', organizationId: invitation.organizationId, subject: `invitation:${invitation.id}`, before: invitation });
    return true;
  };

  return {
    /**
     * A new invitation and its secret. Inviting an address that already has a pending invitation here replaces it
     * (the earlier link stops working), so a lost link is simply sent again.
     */
    async create(actor: Actor, organizationId: string, input: NewInvitation): Promise<CreatedInvitation> {
      await access.require(actor, organizationId, 'member.manage');
      const secret = newSecret();
      return db.transaction().execute(async (trx) => {
        const existing = await users.findByEmail(input.email, trx);
        if (existing && (await memberships.find(organizationId, existing.id, trx))) {
          throw new ConflictError(`${existing.email} is already a member of this organisation`);
        }
        const earlier = await invitations.listPending(organizationId, { limit: 1000, offset: 0, email: input.email }, trx);
        for (const invitation of earlier.items) await revokePending(trx, actor, invitation);
        const invitation = await invitations.create(
          { organizationId, email: input.email, role: input.role, token: secret, invitedBy: describeActor(actor), expiresAt: new Date(clock().getTime() + INVITATION_TTL_MS) },
          trx,
        );
        await audit.record(trx, actor, { type: 'invitation.created', organizationId, subject: `invitation:${invitation.id}`, after: invitation });
        return { invitation, secret };
      });
    },

    /** The organisation's pending invitations, newest first (never a secret or its hash). */
    async list(actor: Actor, organizationId: string, page: Page): Promise<Paged<Invitation>> {
      await access.require(actor, organizationId, 'member.manage');
      return invitations.listPending(organizationId, page);
    },

    /** Revokes a pending invitation: its link stops working. */
    async revoke(actor: Actor, organizationId: string, invitationId: string): Promise<void> {
      await access.require(actor, organizationId, 'member.manage');
      await db.transaction().execute(async (trx) => {
        const invitation = await invitations.findById(invitationId, trx);
        // Another organisation's invitation is as unknown here as one that does not exist.
        if (!invitation || invitation.organizationId !== organizationId) throw new NotFoundError('The invitation');
        if (!(await revokePending(trx, actor, invitation))) await noLongerPending(invitation, trx);
      });
    },

    /** What a link invites to, for the invitee's page (anyone holding the link may ask). */
    async preview(token: string): Promise<InvitationPreview> {
      const invitation = await pendingByToken(token);
      const organization = await organizations.findById(invitation.organizationId);
      if (!organization) throw new NotFoundError('The invitation');
      return { organizationName: organization.name, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
    },

    /** Accepts with the signed-in person's own account; the invitation must name their email. */
    async accept(actor: Actor, token: string): Promise<{ organizationId: string; role: Role }> {
      if (actor.kind !== 'user') throw new ForbiddenError('Sign in as the invited person to accept an invitation');
      return db.transaction().execute(async (trx) => {
        const invitation = await pendingByToken(token, trx);
        const user = await users.findById(actor.userId, trx);
        if (!user) throw new NotFoundError('Your account');
        requireInvitee(invitation, user.email);
        const membership = await join(trx, invitation, user);
        return { organizationId: membership.organizationId, role: membership.role };
      });
    },

    /**
     * Creates the invitee's account with the name and password they choose, accepts the invitation with it, and
     * signs them in. An email that has an account already must sign in to accept: its password is never set here.
     */
    async signUp(token: string, input: NewAccount): Promise<SignedIn> {
      // The link first: a made-up one costs no password hash.
      await pendingByToken(token);
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        const invitation = await pendingByToken(token, trx);
        if (await users.findByEmail(invitation.email, trx)) {
          throw new ConflictError(`${invitation.email} has an account already: sign in with it to accept the invitation`);
        }
        const user = await users.create({ email: invitation.email, displayName: input.displayName, passwordHash }, trx);
        await audit.record(trx, { kind: 'user', userId: user.id, email: user.email }, { type: 'user.created', organizationId: invitation.organizationId, subject: `user:${user.id}`, after: user });
        await join(trx, invitation, user);
        return opener.open(trx, user);
      });
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
