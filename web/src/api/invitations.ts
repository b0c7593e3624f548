/**
 * Invitations: an admin's pending ones (invite, revoke), and the invitee's side (preview the link, sign up
 * with it, or accept it signed in). The shapes mirror src/server/routes/invitations/schemas.ts. The link's
 * secret is only ever in a mutation's result or the page's address fragment, never in the query cache's keys.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { membersKey } from './settings.js';
import { rememberSignIn, type SignedIn } from './session.js';
import type { Paged, Role } from './types.js';

/** The largest page the server sends; an organisation's pending invitations fit in one. */
const ALL = 1000;

export interface Invitation {
  id: string;
  organizationId: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

export interface CreatedInvitation {
  invitation: Invitation;
  /** The link for the invitee: in this response only; the server keeps a hash of its secret. */
  link: string;
}

export interface InvitationPreview {
  organizationName: string;
  email: string;
  role: Role;
  expiresAt: string;
}

const invitationsKey = (organizationId: string) => ['invitations', organizationId];

export function useInvitations(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: invitationsKey(organizationId),
    queryFn: () => api<Paged<Invitation>>('GET', `/organizations/${organizationId}/invitations?limit=${ALL}`).then((r) => r.items),
    enabled,
  });
}

export function useInvite(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: Role }) => api<CreatedInvitation>('POST', `/organizations/${organizationId}/invitations`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: invitationsKey(organizationId) }),
  });
}

export function useRevokeInvitation(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api<void>('DELETE', `/organizations/${organizationId}/invitations/${encodeURIComponent(invitationId)}`),
    onSettled: () => client.invalidateQueries({ queryKey: invitationsKey(organizationId) }),
  });
}

/** What the link invites to. Keyed by nothing secret: one page shows one link. */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation-preview'],
    queryFn: () => api<InvitationPreview>('POST', '/invitations/preview', { token }),
    enabled: token !== '',
  });
}

export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; displayName: string; password: string }) => api<SignedIn>('POST', '/invitations/sign-up', input),
    onSuccess: (signedIn) => rememberSignIn(client, signedIn),
  });
}

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api<{ organizationId: string; role: Role }>('POST', '/invitations/accept', { token }),
    onSuccess: async ({ organizationId }) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['organizations'] }),
        client.invalidateQueries({ queryKey: membersKey(organizationId) }),
      ]);
    },
  });
}
