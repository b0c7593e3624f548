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

export function useEngagements(organizationId: string | undefined) {
  return useQuery({
    queryKey: keys.engagements(organizationId ?? ''),
    queryFn: () => api<Paged<Engagement>>('GET', withQuery(organizationApi(organizationId ?? '').engagements, { limit: 100 })).then((r) => r.items),
    enabled: Boolean(organizationId),
  });
}

export function useEngagement() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.settings(organizationId, engagementId),
    queryFn: () => api<Engagement>('GET', urls.root),
  });
}

export function useExamination() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.examination(organizationId, engagementId),
    queryFn: () => api<ExaminationResult>('GET', urls.examination),
  });
}
