/**
 * Periods: the next period opened from this one, this period against another, and the forecast after
 * remediation. The shapes are the domain's (src/domain/periods), as the server sends them.
 * The forecast is keyed under the engagement, so a change of a finding (which reloads the engagement's queries,
 * see findings.ts) brings it up to date.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AfterRemediation, Comparison, PeriodChange, PeriodSummary, ReExamination, RemediatedControl } from '@assay/domain/periods/index.js';
import { api } from './client.js';
import { useScope, type Engagement } from './programme.js';

export type { AfterRemediation, Comparison, PeriodChange, PeriodSummary, RemediatedControl };

/** This period against `other` (an engagement id of the organisation), or against its previous period. */
export function useComparison(other: string | null) {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['comparison', organizationId, engagementId, other ?? 'previous'],
    queryFn: () => api<Comparison>('GET', `${base}/comparison${other === null ? '' : `?with=${encodeURIComponent(other)}`}`),
    enabled: Boolean(organizationId && engagementId),
  });
}

export function useAfterRemediation() {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['after-remediation', organizationId, engagementId],
    queryFn: () => api<AfterRemediation>('GET', `${base}/examination/after-remediation`),
    enabled: Boolean(organizationId && engagementId),
  });
}

/** Opens the next period; the new engagement joins the organisation's list. */
export function useOpenNextPeriod() {
  const client = useQueryClient();
  const { organizationId, base } = useScope();
  return useMutation({
    mutationFn: (period: ReExamination) => api<Engagement>('POST', `${base}/re-examination`, period),
    onSuccess: () => client.invalidateQueries({ queryKey: ['engagements', organizationId] }),
  });
}
