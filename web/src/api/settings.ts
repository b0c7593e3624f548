/**
 * Engagement settings, members and API tokens: the server state of the settings page (invitations in
 * ./invitations.ts). An organisation's members and tokens fit in one page.
 */
import type { ApiToken, CreatedToken, Engagement, EngagementChanges, Member, NewToken, Organization, Paged } from '@assay/contract';
import type { Locale } from '@assay/domain/locales.js';
import { MAX_PAGE_SIZE } from '@assay/contract/limits.js';
import type { Role } from '@assay/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { engagementApi, organizationApi, withQuery } from './paths.js';

export type { ApiToken, CreatedToken, EngagementChanges, Member, NewToken };

export function useUpdateEngagement(organizationId: string, engagementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, changes }: { version: number; changes: EngagementChanges }) =>
      api<Engagement>('PATCH', engagementApi(organizationId, engagementId).root, { version, ...changes }),
    onSuccess: async (saved) => {
      client.setQueryData(keys.settings(organizationId, engagementId), saved);
      // The name shows in the engagement picker; every conclusion may change with the settings.
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.engagements(organizationId) }),
        client.invalidateQueries({ queryKey: keys.examination(organizationId, engagementId) }),
      ]);
    },
  });
}

/**
 * Archives (`archive`) or restores an engagement at the version the page read. Either way the lists of
 * engagements change, and the engagement's pages read it anew (an archived one is read-only).
 */
export function useArchiving(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ engagementId, version, archive }: { engagementId: string; version: number; archive: boolean }) => {
      const urls = organizationApi(organizationId);
      return archive
        ? api<Engagement>('DELETE', withQuery(urls.engagement(engagementId), { version }))
        : api<Engagement>('POST', urls.restoreEngagement(engagementId), { version });
    },
    onSuccess: async (saved) => {
      client.setQueryData(keys.settings(organizationId, saved.id), saved);
      await client.invalidateQueries({ queryKey: keys.engagements(organizationId) });
    },
  });
}

export function useMembers(organizationId: string) {
  return useQuery({
    queryKey: keys.members(organizationId),
    queryFn: () => api<Paged<Member>>('GET', withQuery(organizationApi(organizationId).members, { limit: MAX_PAGE_SIZE })).then((r) => r.items),
  });
}

export function useChangeRole(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, version, role }: { userId: string; version: number; role: Role }) =>
      api<Member>('PATCH', organizationApi(organizationId).member(userId), { version, role }),
    // A failed change (a stale version, the last admin) also reloads, so the list shows what is stored.
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.members(organizationId) }),
        client.invalidateQueries({ queryKey: keys.organizations }),
      ]);
    },
  });
}

export function useRemoveMember(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api<void>('DELETE', organizationApi(organizationId).member(userId)),
    onSettled: () => client.invalidateQueries({ queryKey: keys.members(organizationId) }),
  });
}

/** The organisation's tokens, revoked ones included (they stay listed as a record); only for `token.manage`. */
export function useTokens(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.tokens(organizationId),
    queryFn: () =>
      api<Paged<ApiToken>>('GET', withQuery(organizationApi(organizationId).tokens, { includeRevoked: true, limit: MAX_PAGE_SIZE })).then((r) => r.items),
    enabled,
  });
}

export function useCreateToken(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: NewToken) => api<CreatedToken>('POST', organizationApi(organizationId).tokens, token),
    // The list is refetched; the secret lives only in the mutation's result, never in the query cache.
    onSuccess: () => client.invalidateQueries({ queryKey: keys.tokens(organizationId) }),
  });
}

export function useRevokeToken(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api<void>('DELETE', organizationApi(organizationId).token(tokenId)),
    onSettled: () => client.invalidateQueries({ queryKey: keys.tokens(organizationId) }),
  });
}

/** Changes the organisation's locale at the version the page read; every page writes its dates in it from then on. */
export function useUpdateOrganization(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, locale }: { version: number; locale: Locale }) =>
      api<Organization>('PATCH', organizationApi(organizationId).root, { version, locale }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.organizations }),
  });
}
