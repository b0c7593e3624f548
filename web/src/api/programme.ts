/** The engagement the pages show, and its examination result. Pages add their own hooks beside these. */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from './client.js';
import type { ExaminationResult, Paged } from './types.js';

export interface Engagement {
  id: string;
  organizationId: string;
  name: string;
  system: string;
  reportType: 'type1' | 'type2';
  periodStart: string | null;
  periodEnd: string;
  categories: string[];
  notApplicable: { criterion: string; reason: string }[];
  sampling: { confidence: number; tolerableRate: number };
  pervasiveness: { minSeries: number; minShare: number };
  misstatements: { text: string; pervasive: boolean }[];
  createdAt: string;
  version: number;
}

/** The organisation and engagement named by the page's address. */
export function useScope(): { organizationId: string; engagementId: string; base: string } {
  const { organizationId = '', engagementId = '' } = useParams();
  return { organizationId, engagementId, base: `/organizations/${organizationId}/engagements/${engagementId}` };
}

export function useEngagements(organizationId: string | undefined) {
  return useQuery({
    queryKey: ['engagements', organizationId],
    queryFn: () => api<Paged<Engagement>>('GET', `/organizations/${organizationId}/engagements?limit=100`).then((r) => r.items),
    enabled: Boolean(organizationId),
  });
}

export function useEngagement() {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['engagement', organizationId, engagementId],
    queryFn: () => api<Engagement>('GET', base),
  });
}

export function useExamination() {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['examination', organizationId, engagementId],
    queryFn: () => api<ExaminationResult>('GET', `${base}/examination`),
  });
}
