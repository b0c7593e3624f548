/**
 * Engagement settings, members and API tokens: the server state of the settings page (invitations in
 * ./invitations.ts). The shapes mirror the
 * server's response schemas (src/server/routes/{engagements,members,tokens}/schemas.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import type { Engagement } from './programme.js';
import type { Paged, Role } from './types.js';

/** The largest page the server sends; an organisation's members and tokens fit in one. */
const ALL = 1000;

export interface Member {
  organizationId: string;
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  createdAt: string;
  version: number;
}

export interface ApiToken {
  id: string;
  organizationId: string;
  name: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface CreatedToken {
  token: ApiToken;
  /** The bearer secret: in this response only; the server keeps its hash. */
  secret: string;
}

/** What PATCH /engagements/:id accepts besides `version`: the fields given are changed. */
export interface EngagementChanges {
  name?: string;
  system?: string;
  reportType?: Engagement['reportType'];
  periodStart?: string | null;
  periodEnd?: string;
  categories?: string[];
  sampling?: Partial<Engagement['sampling']>;
  pervasiveness?: Partial<Engagement['pervasiveness']>;
  misstatements?: Engagement['misstatements'];
}

export interface NewToken {
  name: string;
  role: Role;
  /** ISO-8601 instant; null: until revoked. */
  expiresAt: string | null;
}

export function useUpdateEngagement(organizationId: string, engagementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, changes }: { version: number; changes: EngagementChanges }) =>
      api<Engagement>('PATCH', `/organizations/${organizationId}/engagements/${engagementId}`, { version, ...changes }),
    onSuccess: async (saved) => {
      client.setQueryData(['engagement', organizationId, engagementId], saved);
      // The name shows in the engagement picker; every conclusion may change with the settings.
      await Promise.all([
        client.invalidateQueries({ queryKey: ['engagements', organizationId] }),
        client.invalidateQueries({ queryKey: ['examination', organizationId, engagementId] }),
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
      const path = `/organizations/${organizationId}/engagements/${engagementId}`;
      return archive ? api<Engagement>('DELETE', `${path}?version=${version}`) : api<Engagement>('POST', `${path}/restore`, { version });
    },
    onSuccess: async (saved) => {
      client.setQueryData(['engagement', organizationId, saved.id], saved);
      await client.invalidateQueries({ queryKey: ['engagements', organizationId] });
    },
  });
}

export const membersKey = (organizationId: string) => ['members', organizationId];
const tokensKey = (organizationId: string) => ['tokens', organizationId];

export function useMembers(organizationId: string) {
  return useQuery({
    queryKey: membersKey(organizationId),
    queryFn: () => api<Paged<Member>>('GET', `/organizations/${organizationId}/members?limit=${ALL}`).then((r) => r.items),
  });
}

export function useChangeRole(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, version, role }: { userId: string; version: number; role: Role }) =>
      api<unknown>('PATCH', `/organizations/${organizationId}/members/${encodeURIComponent(userId)}`, { version, role }),
    // A failed change (a stale version, the last admin) also reloads, so the list shows what is stored.
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: membersKey(organizationId) }),
        client.invalidateQueries({ queryKey: ['organizations'] }),
      ]);
    },
  });
}

export function useRemoveMember(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api<void>('DELETE', `/organizations/${organizationId}/members/${encodeURIComponent(userId)}`),
    onSettled: () => client.invalidateQueries({ queryKey: membersKey(organizationId) }),
  });
}

/** The organisation's tokens, revoked ones included (they stay listed as a record); only for `token.manage`. */
export function useTokens(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: tokensKey(organizationId),
    queryFn: () =>
      api<Paged<ApiToken>>('GET', `/organizations/${organizationId}/tokens?includeRevoked=true&limit=${ALL}`).then((r) => r.items),
    enabled,
  });
}

export function useCreateToken(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: NewToken) => api<CreatedToken>('POST', `/organizations/${organizationId}/tokens`, token),
    // The list is refetched; the secret lives only in the mutation's result, never in the query cache.
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey(organizationId) }),
  });
}

export function useRevokeToken(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api<void>('DELETE', `/organizations/${organizationId}/tokens/${encodeURIComponent(tokenId)}`),
    onSettled: () => client.invalidateQueries({ queryKey: tokensKey(organizationId) }),
  });
}
