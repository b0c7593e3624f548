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
  /** Since when the engagement is archived (read-only until an admin restores it); null while in use. */
  archivedAt: string | null;
}

/** The organisation and engagement named by the page's address. */
export function useScope(): { organizationId: string; engagementId: string; base: string } {
  const { organizationId = '', engagementId = '' } = useParams();
  return { organizationId, engagementId, base: `/organizations/${organizationId}/engagements/${engagementId}` };
}

/** The organisation's engagements in use, or (`archived`) only those archived. */
export function useEngagements(organizationId: string | undefined, archived = false) {
  return useQuery({
    queryKey: ['engagements', organizationId, archived ? 'archived' : 'in use'],
    queryFn: () =>
      api<Paged<Engagement>>('GET', `/organizations/${organizationId}/engagements?limit=100${archived ? '&archived=only' : ''}`).then((r) => r.items),
    enabled: Boolean(organizationId),
  });
}

function engagementQuery({ organizationId, engagementId, base }: ReturnType<typeof useScope>) {
  return {
    queryKey: ['engagement', organizationId, engagementId],
    queryFn: () => api<Engagement>('GET', base),
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
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['examination', organizationId, engagementId],
    queryFn: () => api<ExaminationResult>('GET', `${base}/examination`),
  });
}
