/**
 * The trust page: the admin's side (what is published, the report, the NDA, the requests) and the public's (the
 * published page, asking for the report, downloading it with a link). A link's secret is only ever in the page's
 * address fragment or a mutation's argument, never in a query key.
 */
import type { Paged, PublishedTrustPage, PublishTrust, ReportRequest, Subscribe, TrustApproval, TrustOverview, TrustRequest, TrustSnapshot, TrustSubscribed } from '@assay/contract';
import { MAX_PAGE_SIZE } from '@assay/contract/limits.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client.js';
import { keys } from './keys.js';
import { API_PREFIX, organizationApi, publicTrustApi, withQuery } from './paths.js';

export type { PublishedTrustPage, TrustApproval, TrustOverview, TrustRequest, TrustSnapshot };

export function useTrustOverview(organizationId: string, enabled: boolean) {
  return useQuery({ queryKey: keys.trust(organizationId), queryFn: () => api<TrustOverview>('GET', organizationApi(organizationId).trust), enabled });
}

export function useTrustRequests(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.trust(organizationId), 'requests'],
    queryFn: () => api<Paged<TrustRequest>>('GET', withQuery(`${organizationApi(organizationId).trust}/requests`, { limit: MAX_PAGE_SIZE })).then((r) => r.items),
    enabled,
  });
}

/** A change of the trust page: everything of it is read again. */
function useTrustChange<I, O>(organizationId: string, send: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => client.invalidateQueries({ queryKey: keys.trust(organizationId) }) });
}

export function useTrustChanges(organizationId: string) {
  const trust = organizationApi(organizationId).trust;
  const request = organizationApi(organizationId).trustRequest;
  return {
    upload: useTrustChange(organizationId, ({ engagementId, file }: { engagementId: string; file: File }) =>
      api('PUT', withQuery(`${trust}/report`, { engagementId, fileName: file.name }), new Blob([file], { type: 'application/pdf' })),
    ),
    nda: useTrustChange(organizationId, (text: string) => api<{ version: number }>('POST', `${trust}/nda`, { text })),
    publish: useTrustChange(organizationId, (input: PublishTrust) => api<TrustSnapshot>('PUT', `${trust}/publication`, input)),
    unpublish: useTrustChange(organizationId, () => api<void>('DELETE', `${trust}/publication`)),
    approve: useTrustChange(organizationId, ({ id, days }: { id: string; days: number }) => api<TrustApproval>('POST', `${request(id)}/approve`, { days })),
    reject: useTrustChange(organizationId, (id: string) => api<TrustRequest>('POST', `${request(id)}/reject`)),
    revoke: useTrustChange(organizationId, (id: string) => api<TrustRequest>('POST', `${request(id)}/revoke`)),
  };
}

export function usePublishedTrustPage(slug: string) {
  return useQuery({ queryKey: keys.publicTrust(slug), queryFn: () => api<PublishedTrustPage>('GET', publicTrustApi(slug).root), retry: false });
}

export function useSubscribe(slug: string) {
  return useMutation({ mutationFn: (input: Subscribe) => api<TrustSubscribed>('POST', publicTrustApi(slug).subscriptions, input) });
}

/** Follows a confirm or unsubscribe link: its secret, from the page's address fragment, goes in the body. */
export function useSubscriptionLink(slug: string) {
  return useMutation({
    mutationFn: ({ action, token }: { action: 'confirm' | 'unsubscribe'; token: string }) =>
      api<{ status: string }>('POST', `${publicTrustApi(slug).subscriptions}/${action}`, { token }),
  });
}

export function useAskForReport(slug: string) {
  return useMutation({ mutationFn: (input: ReportRequest) => api<{ received: true }>('POST', publicTrustApi(slug).requests, input) });
}

/** The report's bytes for a link's secret (the NDA's current version accepted when asked again), as a file to save. */
export function useDownloadReport(slug: string) {
  return useMutation({
    mutationFn: async ({ token, acceptNdaVersion }: { token: string; acceptNdaVersion: number | null }) => {
      const response = await fetch(`${API_PREFIX}${publicTrustApi(slug).report}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/pdf' },
        body: JSON.stringify({ token, acceptNdaVersion }),
      });
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'report.pdf';
      return { name, blob: await response.blob() };
    },
  });
}
