/**
 * Periods: the next period opened from this one, this period against another, and the forecast after
 * remediation. The comparison is keyed under the examination (any change the engine reads moves it); the
 * forecast under the findings' part, so a change of a finding (see findings.ts) brings it up to date.
 */
import type { AfterRemediation, Comparison, Engagement, ReExamination } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { withQuery } from './paths.js';
import { useScope } from './programme.js';

export type { AfterRemediation, Comparison, ReExamination };
export type RemediatedControl = AfterRemediation['controls'][number];
export type PeriodSummary = Comparison['before'];
export type { PeriodChange } from '@assay/domain';

/**
 * This period against `other` (an engagement id of the organisation), or against its previous period. Not asked
 * while there is nothing to compare with (`comparable` false: no period chosen and no previous one), where the
 * server's answer would be a 404.
 */
export function useComparison(other: string | null, comparable: boolean) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.comparison(organizationId, engagementId, other),
    queryFn: () => api<Comparison>('GET', withQuery(urls.comparison, { with: other })),
    enabled: Boolean(organizationId && engagementId) && comparable,
  });
}

export function useAfterRemediation() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.afterRemediation(organizationId, engagementId),
    queryFn: () => api<AfterRemediation>('GET', urls.afterRemediation),
    enabled: Boolean(organizationId && engagementId),
  });
}

/** Opens the next period; the new engagement joins the organisation's list. */
export function useOpenNextPeriod() {
  const client = useQueryClient();
  const { organizationId, urls } = useScope();
  return useMutation({
    mutationFn: (period: ReExamination) => api<Engagement>('POST', urls.reExamination, period),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.engagements(organizationId) }),
  });
}
