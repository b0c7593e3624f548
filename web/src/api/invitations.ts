/**
 * Invitations: an admin's pending ones (invite, revoke), and the invitee's side (preview the link, sign up
 * with it, or accept it signed in). The link's secret is only ever in a mutation's result or the page's address
 * fragment, never in the query cache's keys.
 */
import type { AcceptedInvitation, CreatedInvitation, Invitation, InvitationPreview, NewInvitation, Paged, SignedIn, SignUp } from '@assay/contract';
import { MAX_PAGE_SIZE } from '@assay/contract/limits.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { INVITATION_LINK_API, organizationApi, withQuery } from './paths.js';
import { rememberSignIn } from './session.js';

export type { CreatedInvitation, Invitation, InvitationPreview };

/** An organisation's pending invitations fit in one page. */
export function useInvitations(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.invitations(organizationId),
    queryFn: () => api<Paged<Invitation>>('GET', withQuery(organizationApi(organizationId).invitations, { limit: MAX_PAGE_SIZE })).then((r) => r.items),
    enabled,
  });
}

export function useInvite(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewInvitation) => api<CreatedInvitation>('POST', organizationApi(organizationId).invitations, input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.invitations(organizationId) }),
  });
}

export function useRevokeInvitation(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api<void>('DELETE', organizationApi(organizationId).invitation(invitationId)),
    onSettled: () => client.invalidateQueries({ queryKey: keys.invitations(organizationId) }),
  });
}

/** What the link invites to. Keyed by nothing secret: one page shows one link. */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: keys.invitationPreview,
    queryFn: () => api<InvitationPreview>('POST', INVITATION_LINK_API.preview, { token }),
    enabled: token !== '',
  });
}

export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SignUp) => api<SignedIn>('POST', INVITATION_LINK_API.signUp, input),
    onSuccess: (signedIn) => rememberSignIn(client, signedIn),
  });
}

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api<AcceptedInvitation>('POST', INVITATION_LINK_API.accept, { token }),
    onSuccess: async ({ organizationId }) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.organizations }),
        client.invalidateQueries({ queryKey: keys.members(organizationId) }),
      ]);
    },
  });
}
