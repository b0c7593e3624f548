/** The engagement the pages show, and its examination result. Pages add their own hooks beside these. */
import type { Engagement, ExaminationResult, Paged } from '@assay/contract';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from './client.js';
import { keys } from './keys.js';
import { engagementApi, organizationApi, withQuery, type EngagementApi } from './paths.js';

export type { Engagement };

/** The organisation and engagement named by the page's address, and the API's addresses under them. */
export function useScope(): { organizationId: string; engagementId: string; urls: EngagementApi } {
  const { organizationId = '', engagementId = '' } = useParams();
  return { organizationId, engagementId, urls: engagementApi(organizationId, engagementId) };
}

/** The organisation's engagements in use, or (`archived`) only those archived. */
export function useEngagements(organizationId: string | undefined, archived = false) {
  return useQuery({
    queryKey: keys.engagements(organizationId ?? '', archived),
    queryFn: () =>
      api<Paged<Engagement>>('GET', withQuery(organizationApi(organizationId ?? '').engagements, { limit: 100, archived: archived ? 'only' : null })).then(
        (r) => r.items,
      ),
    enabled: Boolean(organizationId),
  });
}

function engagementQuery({ organizationId, engagementId, urls }: ReturnType<typeof useScope>) {
  return {
    queryKey: keys.settings(organizationId, engagementId),
    queryFn: () => api<Engagement>('GET', urls.root),
    enabled: engagementId !== '',
  };
}

/** The engagement of the page's address (none outside an engagement's pages). */
export function useEngagement() {
  return useQuery(engagementQuery(useScope()));
}

/**
 * Whether the page's engagement is archived, from what is known of it: asked for once if nothing is, never again
 * on its own (every button asks this; the pages that show the engagement keep it fresh).
 */
export function useEngagementArchived(): boolean {
  return Boolean(useQuery({ ...engagementQuery(useScope()), staleTime: Infinity }).data?.archivedAt);
}

export function useExamination() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.examination(organizationId, engagementId),
    queryFn: () => api<ExaminationResult>('GET', urls.examination),
  });
}
