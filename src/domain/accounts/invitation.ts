/**
 * Joining an organisation by invitation: an admin names an email and a role; whoever opens the link either
 * sets the password of a new account or accepts with the account they are signed in to. An invitation is used
 * once, and not after it expired or was revoked.
 */
import { ConflictError, ForbiddenError } from '../errors.js';

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface InvitationState {
  email: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

/** Where an invitation stands at `now`: what happened to it first wins over the clock. */
export function invitationStatus(invitation: InvitationState, now: Date): InvitationStatus {
  if (invitation.acceptedAt !== null) return 'accepted';
  if (invitation.revokedAt !== null) return 'revoked';
  return Date.parse(invitation.expiresAt) <= now.getTime() ? 'expired' : 'pending';
}

const REFUSALS: Record<Exclude<InvitationStatus, 'pending'>, string> = {
  accepted: 'This invitation has already been accepted; sign in instead',
  revoked: 'This invitation was revoked; ask the organisation’s admin for a new one',
  expired: 'This invitation has expired; ask the organisation’s admin for a new one',
};

/** Refuses an invitation that is no longer pending, saying why and what to do. */
export function requirePending(invitation: InvitationState, now: Date): void {
  const status = invitationStatus(invitation, now);
  if (status !== 'pending') throw new ConflictError(REFUSALS[status]);
}

/** Loose on purpose (a local installation's first admin is admin@localhost): something@somewhere, no spaces. */
export function isEmailAddress(text: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(text.trim());
}

/** Addresses are compared as stored: trimmed, in lower case. */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** A signed-in person accepts only an invitation made out to their own email. */
export function requireInvitee(invitation: InvitationState, signedInEmail: string): void {
  if (!sameEmail(invitation.email, signedInEmail)) {
    throw new ForbiddenError(`This invitation is for ${invitation.email}; you are signed in as ${signedInEmail}. Sign out and open the link again.`);
  }
}
